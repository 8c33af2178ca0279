/** Go number-literal parsing for template constants (parse/node.go newNumber). */
import type { NumberNode } from "./nodes.js";
import { goUnquote } from "./format/quote.js";
import { INT64_MAX, INT64_MIN } from "./values.js";

const UINT64_MAX = 2n ** 64n - 1n;

/** strconv's underscoreOK: underscores only between digits or after a base prefix. */
function underscoreOK(s: string): boolean {
  let saw = "^";
  let i = 0;
  if (s.length >= 1 && (s[0] === "-" || s[0] === "+")) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === "0" && "bBoOxX".includes(s[1] ?? "")) {
    i = 2;
    saw = "0";
    hex = s[1] === "x" || s[1] === "X";
  }
  for (; i < s.length; i++) {
    const c = s[i] ?? "";
    if ((c >= "0" && c <= "9") || (hex && /[a-fA-F]/.test(c))) {
      saw = "0";
      continue;
    }
    if (c === "_") {
      if (saw !== "0") return false;
      saw = "_";
      continue;
    }
    if (saw === "_") return false;
    saw = "!";
  }
  return saw !== "_";
}

/** strconv.ParseInt/ParseUint with base 0: returns a bigint or null when invalid. */
export function parseIntBase0(text: string): bigint | null {
  let s = text;
  let neg = false;
  if (s[0] === "+" || s[0] === "-") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  let base = 10;
  let digits = s;
  if (s.length >= 2 && s[0] === "0") {
    const p = (s[1] ?? "").toLowerCase();
    if (p === "x") base = 16;
    else if (p === "o") base = 8;
    else if (p === "b") base = 2;
    if (base !== 10) digits = s.slice(2);
    else {
      base = 8;
      digits = s.slice(1);
    }
  }
  if (s.includes("_") && !underscoreOK(text)) return null;
  digits = digits.replace(/_/g, "");
  if (digits === "")
    return base === 8 && s.length > 0 && /^0+$/.test(s.replace(/_/g, "")) ? 0n : null;
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[
    base as 2 | 8 | 10 | 16
  ];
  if (!valid.test(digits)) return null;
  const prefix = { 2: "0b", 8: "0o", 10: "", 16: "0x" }[base as 2 | 8 | 10 | 16];
  const v = BigInt(prefix + digits);
  return neg ? -v : v;
}

/** strconv.ParseFloat for decimal and hex floats; null when invalid. */
export function parseGoFloat(text: string): number | null {
  if (text.includes("_") && !underscoreOK(text)) return null;
  const s = text.replace(/_/g, "");
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
    const f = Number(s);
    return Number.isFinite(f) ? f : null; // Go reports out-of-range as an error
  }
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(s);
  if (m !== null && (m[2] !== "" || m[3] !== "")) {
    const mant = parseInt((m[2] ?? "") + (m[3] ?? "") || "0", 16);
    const v = mant * 2 ** (Number(m[4]) - 4 * (m[3] ?? "").length);
    return m[1] === "-" ? -v : v;
  }
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s[0] === "-" ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  return null;
}

/** Builds a NumberNode from a number or character token, or throws an error message. */
export function newNumber(pos: number, text: string, isChar: boolean): NumberNode {
  const n: NumberNode = {
    type: "number",
    pos,
    text,
    isInt: false,
    isUint: false,
    isFloat: false,
    int64: 0n,
    float64: 0,
  };
  if (isChar) {
    let r: string;
    try {
      r = goUnquote(text);
    } catch {
      throw new Error(`malformed character constant: ${text}`);
    }
    const cp = r.codePointAt(0);
    if (cp === undefined || String.fromCodePoint(cp) !== r)
      throw new Error(`malformed character constant: ${text}`);
    return { ...n, isInt: true, isUint: true, isFloat: true, int64: BigInt(cp), float64: cp };
  }
  if (text.endsWith("i")) throw new Error(`complex constants are not supported: ${text}`);
  const i = parseIntBase0(text);
  if (i !== null && i >= 0n && i <= UINT64_MAX) n.isUint = true;
  if (i !== null && i >= INT64_MIN && i <= INT64_MAX) {
    n.isInt = true;
    n.int64 = i;
  }
  if (n.isInt || n.isUint) {
    n.isFloat = true;
    n.float64 = Number(i);
    return n;
  }
  const f = parseGoFloat(text);
  if (f !== null) {
    if (!/[.eEpP]/.test(text)) throw new Error(`integer overflow: ${JSON.stringify(text)}`);
    n.isFloat = true;
    n.float64 = f;
    if (Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63) {
      n.isInt = true;
      n.int64 = BigInt(f);
    }
    if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) n.isUint = true;
  }
  if (!n.isInt && !n.isUint && !n.isFloat)
    throw new Error(`illegal number syntax: ${JSON.stringify(text)}`);
  return n;
}
