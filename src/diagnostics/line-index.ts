/**
 * Turns UTF-16 offsets (what the YAML parser reports) into the line and column a person reads.
 *
 * Lines are 1-based and end at LF, CRLF or a lone CR (the three YAML line breaks). Columns are
 * 1-based and count Unicode code points, so an emoji or a CJK character is one column, as in
 * rustc and most terminals' notion of "characters"; a UTF-8 byte-order mark at the start of the
 * file is not counted. SARIF output declares this with `columnKind: "unicodeCodePoints"`.
 */
import type { SourceRange } from "./diagnostic.js";

export interface LineColumn {
  line: number;
  column: number;
}

/** Line lookups for one source text, built once and queried many times. */
export interface LineIndex {
  /** Number of lines; a text ending with a line break has an empty last line. */
  readonly lineCount: number;
  /** The 1-based line and column of a UTF-16 offset, clamped to the text. */
  position(offset: number): LineColumn;
  /** The text of a 1-based line without its line break ("" outside the text). */
  lineText(line: number): string;
  /**
   * The range of a 1-based line's text, without its line break and its leading and trailing
   * blanks; undefined outside the text.
   */
  lineRange(line: number): SourceRange | undefined;
}

/** Builds the line index of a source text. */
export function createLineIndex(text: string): LineIndex {
  const starts = lineStarts(text);
  const contentEnd = (i: number): number => {
    const next = starts[i + 1];
    if (next === undefined) return text.length;
    return text[next - 2] === "\r" && text[next - 1] === "\n" ? next - 2 : next - 1;
  };
  return {
    lineCount: starts.length,
    position(offset) {
      const clamped = Math.min(Math.max(0, Math.trunc(offset)), text.length);
      const i = lastAtOrBefore(starts, clamped);
      const from = i === 0 && text.startsWith("\uFEFF") ? 1 : starts[i]!;
      // An offset inside a line break points just past the line's last character.
      const to = Math.max(from, Math.min(clamped, contentEnd(i)));
      return { line: i + 1, column: countCodePoints(text, from, to) + 1 };
    },
    lineText(line) {
      const i = line - 1;
      if (!Number.isInteger(line) || i < 0 || i >= starts.length) return "";
      const text0 = text.slice(starts[i], contentEnd(i));
      return i === 0 && text0.startsWith("\uFEFF") ? text0.slice(1) : text0;
    },
    lineRange(line) {
      const i = line - 1;
      if (!Number.isInteger(line) || i < 0 || i >= starts.length) return undefined;
      let start = i === 0 && text.startsWith("\uFEFF") ? 1 : starts[i]!;
      let end = contentEnd(i);
      while (start < end && (text[start] === " " || text[start] === "\t")) start++;
      while (end > start && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
      return { start, end };
    },
  };
}

/** The UTF-16 offset where each line starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 /* \n */) starts.push(i + 1);
    else if (ch === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** Index of the last of ascending `starts` that is <= offset (binary search); 0 if none is. */
export function lastAtOrBefore(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Code points in text[from, to); a lone surrogate counts as one. */
function countCodePoints(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    const isHigh = ch >= 0xd800 && ch <= 0xdbff;
    const next = text.charCodeAt(i + 1);
    if (isHigh && i + 1 < to && next >= 0xdc00 && next <= 0xdfff) i++;
    n++;
  }
  return n;
}
