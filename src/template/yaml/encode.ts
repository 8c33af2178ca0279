/**
 * yaml.v2's Marshal for the template data model (what Helm's toYaml prints): sorted keys with
 * yaml.v2's natural order, indentless sequences under mappings, YAML 1.1-safe quoting, literal
 * blocks for multi-line strings, `{}`/`[]` for empty collections, no line folding.
 */
import { formatFloat } from "../format/float.js";
import { GoStruct, Int64, kindOf, toJsNumber } from "../values.js";
import { isBase60Float, resolvePlain } from "./resolve.js";

type Style = "plain" | "single" | "double" | "literal";

const enc = new TextEncoder();

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

interface Analysis {
  multiline: boolean;
  blockPlain: boolean;
  single: boolean;
  block: boolean;
}

/** yaml_emitter_analyze_scalar, block context. */
function analyze(s: string): Analysis {
  if (s === "") return { multiline: false, blockPlain: true, single: true, block: false };
  let blockIndicators = s.startsWith("---") || s.startsWith("...");
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWs = true;
  let prevSpace = false;
  let prevBreak = false;
  const cps = [...s].map((c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    const next = cps[i + 1];
    const followedByWs = next === undefined || next === 0x20 || next === 0x09 || isBreak(next);
    const ch = String.fromCodePoint(c);
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(ch)) blockIndicators = true;
      else if ((ch === "?" || ch === ":" || ch === "-") && followedByWs) blockIndicators = true;
    } else if (ch === ":" && followedByWs) blockIndicators = true;
    else if (ch === "#" && precededByWs) blockIndicators = true;
    if (!isPrintable(c)) special = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === cps.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === cps.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = c === 0x20 || c === 0x09 || isBreak(c);
  }
  let blockPlain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak);
  let single = true;
  let block = !trailingSpace;
  if (breakSpace) {
    blockPlain = false;
    single = false;
  }
  if (spaceBreak || special) {
    blockPlain = false;
    single = false;
    block = false;
  }
  if (lineBreaks || blockIndicators) blockPlain = false;
  return { multiline: lineBreaks, blockPlain, single, block };
}

/** encoder.stringv + yaml_emitter_select_scalar_style. */
function stringStyle(s: string, simpleKey: boolean): Style {
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
  const chars = [...s];
  let out = "";
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === " ") {
      if (allowBreaks && !spaces && col > BEST_WIDTH && chars[i + 1] !== " ") {
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
      if (
        allowBreaks &&
        !spaces &&
        col > BEST_WIDTH &&
        i > 0 &&
        i < chars.length - 1 &&
        chars[i + 1] !== " "
      ) {
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

function doubleQuoted(s: string, indent = 0, startCol = 0, allowBreaks = false): string {
  let out = '"';
  let col = startCol + 1;
  let spaces = false;
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const before = out.length;
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
    if (!isPrintable(c) || c === 0xfeff || isBreak(c) || ch === '"' || ch === "\\") {
      const named: Record<number, string> = {
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
      const n = named[c];
      if (n !== undefined) out += "\\" + n;
      else if (c <= 0xff) out += "\\x" + c.toString(16).toUpperCase().padStart(2, "0");
      else if (c <= 0xffff) out += "\\u" + c.toString(16).toUpperCase().padStart(4, "0");
      else out += "\\U" + c.toString(16).toUpperCase().padStart(8, "0");
    } else out += ch;
    col += out.length - before;
  }
  return out + '"';
}

/** A literal block scalar (`|`, `|-`, `|+`, with an indentation hint when needed). */
function literal(s: string, indent: number): string {
  let head = "|";
  if (s[0] === " " || isBreak(s.codePointAt(0) ?? 0)) head += "2";
  const cps = [...s].map((c) => c.codePointAt(0) ?? 0);
  const last = cps[cps.length - 1] ?? 0;
  if (cps.length === 0 || !isBreak(last)) head += "-";
  else if (cps.length === 1 || isBreak(cps[cps.length - 2]!)) head += "+";
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

/** Identifier-like strings: plain unless YAML 1.1 reads them as a bool or null (the common case, kept fast). */
const SIMPLE = /^[A-Za-z_][A-Za-z0-9_./-]*$/;

function scalarString(s: string, indent: number, simpleKey: boolean, col = 0): string {
  if (SIMPLE.test(s)) return resolvePlain(s)[0] === "str" ? s : doubleQuoted(s);
  switch (stringStyle(s, simpleKey)) {
    case "plain":
      return plainFolded(s, indent, col, !simpleKey);
    case "single":
      return singleQuoted(s, indent, col, !simpleKey);
    case "double":
      return doubleQuoted(s, indent, col, !simpleKey);
    case "literal":
      return literal(s, indent);
  }
}

function scalar(v: unknown, indent: number, col = 0): string | null {
  switch (kindOf(v)) {
    case "invalid":
      return "null";
    case "bool":
      return v ? "true" : "false";
    case "int":
      return String(v);
    case "int64":
      return (v as Int64).value.toString();
    case "float64": {
      const s = formatFloat(toJsNumber(v), "g", -1);
      return s === "+Inf" ? ".inf" : s === "-Inf" ? "-.inf" : s === "NaN" ? ".nan" : s;
    }
    case "string":
      return scalarString(v as string, indent, false, col);
    default:
      return null;
  }
}

function isLetter(c: string): boolean {
  const x = c.charCodeAt(0);
  if (x < 0x80) return (x >= 65 && x <= 90) || (x >= 97 && x <= 122);
  return /^\p{L}$/u.test(c);
}

function isDigit(c: string): boolean {
  const x = c.charCodeAt(0);
  if (x < 0x80) return x >= 48 && x <= 57;
  return /^\p{Nd}$/u.test(c);
}

/** yaml.v2's keyList.Less for string keys: letters after non-letters, digit runs numerically. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ascii = /^[\x00-\x7f]*$/;
  const ar = ascii.test(a) ? a.split("") : [...a];
  const br = ascii.test(b) ? b.split("") : [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return (ar[i]!.codePointAt(0) ?? 0) < (br[i]!.codePointAt(0) ?? 0);
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === "0" || br[i] === "0") {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== "0") {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++)
      an = an * 10n + BigInt((ar[ai]!.codePointAt(0) ?? 48) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]!); bi++)
      bn = bn * 10n + BigInt((br[bi]!.codePointAt(0) ?? 48) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return (ar[i]!.codePointAt(0) ?? 0) < (br[i]!.codePointAt(0) ?? 0);
  }
  return ar.length < br.length;
}

const ONLY_LETTERS = /^[A-Za-z]*$/;

/** Sort comparator for yaml.v2 key order; keys made of ASCII letters compare by code point. */
function compareKeys(a: string, b: string): number {
  if (ONLY_LETTERS.test(a) && ONLY_LETTERS.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0;
}

function entries(v: Map<string, unknown> | GoStruct): [string, unknown][] {
  if (v instanceof GoStruct) return [...v.fields].map(([k, x]) => [k.toLowerCase(), x]);
  return [...v.keys()].sort(compareKeys).map((k) => [k, v.get(k)]);
}

function isEmptyCollection(v: unknown): string | null {
  if (Array.isArray(v) && v.length === 0) return "[]";
  if (v instanceof Map && v.size === 0) return "{}";
  if (v instanceof GoStruct && v.fields.size === 0) return "{}";
  return null;
}

/** Emits a value that follows "key:" or "- " on the same line, at block indent `indent`. */
function node(v: unknown, indent: number, inMapping: boolean, col: number): string {
  const empty = isEmptyCollection(v);
  if (empty !== null) return " " + empty + "\n";
  const s = scalar(v, indent + 2, col + 1);
  if (s !== null) return " " + s + (s.endsWith("\n") ? "" : "\n");
  if (Array.isArray(v)) {
    return inMapping ? "\n" + sequence(v, indent) : " " + sequence(v, indent + 2).slice(indent + 2);
  }
  const body = mapping(v as Map<string, unknown>, indent + 2);
  return inMapping ? "\n" + body : " " + body.slice(indent + 2);
}

function mapping(m: Map<string, unknown> | GoStruct, indent: number): string {
  const pad = " ".repeat(indent);
  let out = "";
  for (const [k, v] of entries(m)) {
    const key = scalarString(k, indent + 2, true);
    out += pad + key + ":" + node(v, indent, true, indent + [...key].length + 1);
  }
  return out;
}

function sequence(a: unknown[], indent: number): string {
  const pad = " ".repeat(indent);
  let out = "";
  for (const v of a) out += pad + "-" + node(v, indent, false, indent + 1);
  return out;
}

/** yaml.v2 Marshal of a data-model value, including the final newline. */
export function marshalYaml(v: unknown): string {
  const empty = isEmptyCollection(v);
  if (empty !== null) return empty + "\n";
  if (Array.isArray(v)) return sequence(v, 0);
  if (v instanceof Map || v instanceof GoStruct) return mapping(v, 0);
  const s = scalar(v, 2);
  if (s === null) throw new Error(`cannot marshal type: ${kindOf(v)}`);
  return s.endsWith("\n") ? s : s + "\n";
}
