/**
 * Renders one source line for a terminal, with the caret underline lined up under the range.
 * Tabs expand to the next multiple of TAB_WIDTH; East Asian wide characters and most emoji
 * take two cells and combining marks none, so the caret sits under what the user sees.
 * Control characters become U+FFFD: a source file must not be able to drive the terminal.
 */
export const TAB_WIDTH = 4;

/** A display-ready line and the cells its caret covers. */
export interface Excerpt {
  text: string;
  caretStart: number;
  caretWidth: number;
}

/**
 * Renders `line` and places a caret from code point `from` (0-based) up to `to` (exclusive),
 * clipped to the line; an empty or clipped-away range still gets one caret.
 */
export function renderExcerpt(fullLine: string, fullFrom: number, fullTo: number): Excerpt {
  const { line, from, to } = clipLongLine(fullLine, fullFrom, fullTo);
  let text = "";
  let cells = 0;
  let caretStart = -1;
  let caretEnd = -1;
  let index = 0;
  for (const ch of line) {
    if (index === from) caretStart = cells;
    if (index === to) caretEnd = cells;
    const cp = ch.codePointAt(0)!;
    const shown = cp === 9 ? " ".repeat(TAB_WIDTH - (cells % TAB_WIDTH)) : visible(ch, cp);
    text += shown;
    cells += cp === 9 ? shown.length : cellWidth(cp);
    index++;
  }
  if (caretStart < 0) caretStart = cells;
  if (caretEnd < 0) caretEnd = cells;
  return { text, caretStart, caretWidth: Math.max(1, caretEnd - caretStart) };
}

/** Longer lines (minified or generated text) are shown as a window around the caret. */
const MAX_EXCERPT = 160;
/** How much of the window comes before the caret. */
const LEAD = 40;

/** Cuts a long line to MAX_EXCERPT code points around `from`, marking each cut with "…". */
function clipLongLine(
  line: string,
  from: number,
  to: number,
): { line: string; from: number; to: number } {
  if (line.length <= MAX_EXCERPT) return { line, from, to };
  const chars = Array.from(line);
  if (chars.length <= MAX_EXCERPT) return { line, from, to };
  const start = Math.max(0, Math.min(from - LEAD, chars.length - MAX_EXCERPT));
  const end = start + MAX_EXCERPT;
  const head = start > 0 ? "…" : "";
  const tail = end < chars.length ? "…" : "";
  const shift = head.length - start;
  return {
    line: head + chars.slice(start, end).join("") + tail,
    from: from + shift,
    to: Math.min(to, end) + shift,
  };
}

/** Replaces characters that would move the cursor or change colours. */
export function visible(ch: string, cp = ch.codePointAt(0)!): string {
  return isControl(cp) ? "\uFFFD" : ch;
}

/** Replaces every control character except line breaks and tabs; for messages and hints. */
export function sanitizeText(text: string): string {
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    out += cp === 9 || cp === 10 ? ch : visible(ch, cp);
  }
  return out;
}

function isControl(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029;
}

/** Terminal cells taken by one code point (tabs are handled by the caller). */
export function cellWidth(cp: number): number {
  if (isControl(cp)) return 1; // shown as U+FFFD
  if (inRanges(cp, ZERO_WIDTH)) return 0;
  return inRanges(cp, WIDE) ? 2 : 1;
}

function inRanges(cp: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  return ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
}

/** Combining marks, zero-width joiners and variation selectors. */
const ZERO_WIDTH: ReadonlyArray<readonly [number, number]> = [
  [0x0300, 0x036f],
  [0x0483, 0x0489],
  [0x0591, 0x05bd],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x200b, 0x200f],
  [0x20d0, 0x20ff],
  [0xfe00, 0xfe0f],
  [0xfe20, 0xfe2f],
  [0xe0100, 0xe01ef],
];

/** East Asian Wide and Fullwidth blocks, and the emoji blocks terminals draw two cells wide. */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x23e9, 0x23ec],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26f2, 0x26f5],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x2753, 0x2755],
  [0x2795, 0x2797],
  [0x2b1b, 0x2b1c],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f900, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x3fffd],
];
