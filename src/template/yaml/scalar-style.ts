/**
 * How yaml.v2 writes a string scalar: the style it picks (plain, single-quoted, double-quoted,
 * literal block) and the quoting and folding of each style. The style depends on the string
 * alone, so it is decided once per string and remembered; so is the written form of strings
 * without spaces, which cannot fold and so look the same at any column.
 */
import { isBase60Float, resolvePlain } from "./resolve.js";

type Style = "plain" | "single" | "double" | "literal";

/** yaml.v2's is_printable on a code point (4-byte UTF-8 sequences are not printable). */
function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

const isBreak = (cp: number): boolean =>
  cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;

const isBlankOrBreak = (cp: number): boolean => cp === 0x20 || cp === 0x09 || isBreak(cp);

/** Indicators that make a plain scalar impossible at its start. */
const FIRST_INDICATORS = new Set([..."#,[]{}&*!|>'\"%@`"].map((c) => c.charCodeAt(0)));

/** The code point at i and its width in UTF-16 units (-1 past the end). */
function cpAt(s: string, i: number): number {
  return i < s.length ? (s.codePointAt(i) ?? -1) : -1;
}

interface Analysis {
  multiline: boolean;
  blockPlain: boolean;
  single: boolean;
  block: boolean;
}

/** yaml_emitter_analyze_scalar, block context, in one pass over the code points. */
function analyze(s: string): Analysis {
  if (s === "") return { multiline: false, blockPlain: true, single: true, block: false };
  let blockIndicators = s.startsWith("---") || s.startsWith("...");
  let lineBreaks = false;
  let special = false;
  let leadingSpaceOrBreak = false;
  let trailingSpaceOrBreak = false;
  let trailingSpace = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWs = true;
  let prevSpace = false;
  let prevBreak = false;
  for (let i = 0; i < s.length;) {
    const c = cpAt(s, i);
    const width = c > 0xffff ? 2 : 1;
    const next = cpAt(s, i + width);
    const first = i === 0;
    const last = next === -1;
    const followedByWs = last || isBlankOrBreak(next);
    if (first) {
      if (FIRST_INDICATORS.has(c)) blockIndicators = true;
      else if ((c === 0x3f || c === 0x3a || c === 0x2d) && followedByWs) blockIndicators = true;
    } else if (c === 0x3a && followedByWs) blockIndicators = true;
    else if (c === 0x23 && precededByWs) blockIndicators = true;
    if (!isPrintable(c)) special = true;
    if (c === 0x20) {
      if (first) leadingSpaceOrBreak = true;
      if (last) trailingSpaceOrBreak = trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (first) leadingSpaceOrBreak = true;
      if (last) trailingSpaceOrBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlankOrBreak(c);
    i += width;
  }
  let blockPlain = !(leadingSpaceOrBreak || trailingSpaceOrBreak);
  let single = true;
  let block = !trailingSpace;
  if (breakSpace) blockPlain = single = false;
  if (spaceBreak || special) blockPlain = single = block = false;
  if (lineBreaks || blockIndicators) blockPlain = false;
  return { multiline: lineBreaks, blockPlain, single, block };
}

/** Identifier-like strings: plain unless YAML 1.1 reads them as a bool or null (the common case). */
const SIMPLE = /^[A-Za-z_][A-Za-z0-9_./-]*$/;

/** encoder.stringv + yaml_emitter_select_scalar_style. */
function selectStyle(s: string, simpleKey: boolean): Style {
  if (SIMPLE.test(s)) return resolvePlain(s)[0] === "str" ? "plain" : "double";
  const [tag] = resolvePlain(s);
  const canUsePlain = tag === "str" && !isBase60Float(s);
  let style: Style = s.includes("\n") ? "literal" : canUsePlain ? "plain" : "double";
  const a = analyze(s);
  if (simpleKey && a.multiline) style = "double";
  if (style === "plain" && (!a.blockPlain || (s === "" && simpleKey))) style = "single";
  if (style === "single" && !a.single) style = "double";
  if (style === "literal" && (!a.block || simpleKey)) style = "double";
  return style;
}

/** The emitter's preferred line width: yaml.v2 folds flow scalars at spaces past this column. */
const BEST_WIDTH = 80;

/** Plain scalar, folded at single spaces once past the best width (write_plain_scalar). */
function plainFolded(s: string, indent: number, col: number, allowBreaks: boolean): string {
  // Folding needs a column past the best width, which a short enough string never reaches.
  if (!allowBreaks || col + s.length <= BEST_WIDTH) return s;
  const chars = [...s];
  let out = "";
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === " ") {
      if (!spaces && col > BEST_WIDTH && chars[i + 1] !== " ") {
        out += "\n" + " ".repeat(indent);
        col = indent;
      } else {
        out += ch;
        col++;
      }
      spaces = true;
    } else {
      out += ch;
      col++;
      spaces = false;
    }
  }
  return out;
}

function singleQuoted(s: string, indent: number, col: number, allowBreaks: boolean): string {
  const chars = [...s];
  let out = "'";
  col++;
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === " ") {
      const fold = !spaces && col > BEST_WIDTH && i > 0 && i < chars.length - 1;
      if (allowBreaks && fold && chars[i + 1] !== " ") {
        out += "\n" + " ".repeat(indent);
        col = indent;
      } else {
        out += ch;
        col++;
      }
      spaces = true;
    } else {
      const w = ch === "'" ? "''" : ch;
      out += w;
      col += w.length;
      spaces = false;
    }
  }
  return out + "'";
}

const NAMED_ESCAPES: Record<number, string> = {
  0: "0",
  7: "a",
  8: "b",
  9: "t",
  10: "n",
  11: "v",
  12: "f",
  13: "r",
  0x1b: "e",
  0x22: '"',
  0x5c: "\\",
  0x85: "N",
  0xa0: "_",
  0x2028: "L",
  0x2029: "P",
};

function escapeChar(c: number): string {
  const n = NAMED_ESCAPES[c];
  if (n !== undefined) return "\\" + n;
  const hex = c.toString(16).toUpperCase();
  if (c <= 0xff) return "\\x" + hex.padStart(2, "0");
  if (c <= 0xffff) return "\\u" + hex.padStart(4, "0");
  return "\\U" + hex.padStart(8, "0");
}

function doubleQuoted(s: string, indent: number, startCol: number, allowBreaks: boolean): string {
  let out = '"';
  let col = startCol + 1;
  let spaces = false;
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === " ") {
      if (allowBreaks && !spaces && col > BEST_WIDTH && i > 0 && i < chars.length - 1) {
        out += "\n" + " ".repeat(indent);
        col = indent;
        if (chars[i + 1] === " ") {
          out += "\\";
          col++;
        }
      } else {
        out += ch;
        col++;
      }
      spaces = true;
      continue;
    }
    spaces = false;
    const c = ch.codePointAt(0) ?? 0;
    const w =
      !isPrintable(c) || c === 0xfeff || isBreak(c) || ch === '"' || ch === "\\"
        ? escapeChar(c)
        : ch;
    out += w;
    col += w.length;
  }
  return out + '"';
}

/** A literal block scalar (`|`, `|-`, `|+`, with an indentation hint when needed). */
function literal(s: string, indent: number): string {
  let head = "|";
  const first = s.codePointAt(0) ?? 0;
  if (first === 0x20 || isBreak(first)) head += "2";
  const last = s.codePointAt(s.length - 1) ?? 0;
  const beforeLast = s.length > 1 ? (s.codePointAt(s.length - 2) ?? 0) : -1;
  if (!isBreak(last)) head += "-";
  else if (s.length === 1 || isBreak(beforeLast)) head += "+";
  const pad = " ".repeat(indent);
  let out = head + "\n";
  let breaks = true;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (isBreak(c)) {
      out += ch === "\r" || ch === "\n" ? "\n" : ch;
      breaks = true;
    } else {
      if (breaks) out += pad;
      out += ch;
      breaks = false;
    }
  }
  return out;
}

/** A remembered decision: the style, and the written form when it cannot depend on the column. */
interface Decision {
  style: Style;
  fixed: string | null;
}

const MAX_CACHED = 20_000;
const MAX_CACHED_LENGTH = 256;
const valueDecisions = new Map<string, Decision>();
const keyDecisions = new Map<string, Decision>();

function decide(s: string, simpleKey: boolean): Decision {
  const cache = simpleKey ? keyDecisions : valueDecisions;
  const hit = cache.get(s);
  if (hit !== undefined) return hit;
  const style = selectStyle(s, simpleKey);
  // Without a space nothing folds; a literal block depends on the indentation.
  const fixed = style !== "literal" && !s.includes(" ") ? write(s, style, 0, 0, false) : null;
  const d = { style, fixed };
  if (s.length <= MAX_CACHED_LENGTH) {
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(s, d);
  }
  return d;
}

function write(s: string, style: Style, indent: number, col: number, breaks: boolean): string {
  switch (style) {
    case "plain":
      return plainFolded(s, indent, col, breaks);
    case "single":
      return singleQuoted(s, indent, col, breaks);
    case "double":
      return doubleQuoted(s, indent, col, breaks);
    case "literal":
      return literal(s, indent);
  }
}

/** A string as yaml.v2 writes it at block indent `indent`, starting at column `col`. */
export function yamlString(s: string, indent: number, simpleKey: boolean, col: number): string {
  const d = decide(s, simpleKey);
  return d.fixed ?? write(s, d.style, indent, col, !simpleKey);
}
