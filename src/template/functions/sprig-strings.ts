/** Sprig's string functions (strings.go and the string entries of functions.go). */
import { sprintf } from "../format/fmt.js";
import { goQuote } from "../format/quote.js";
import { withGoType } from "../values.js";
import { strval } from "./cast.js";
import { FuncError, type CallContext, type FuncDef } from "./types.js";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Go's s[a:b] on UTF-8 bytes (a cut inside a rune decodes to U+FFFD). */
function byteSlice(s: string, a: number, b?: number): string {
  return dec.decode(enc.encode(s).slice(a, b));
}

function substring(start: number, end: number, s: string): string {
  const len = enc.encode(s).length;
  if (start < 0) {
    if (end < 0 || end > len)
      throw new FuncError(
        end < 0
          ? `runtime error: slice bounds out of range [:${end}]`
          : `runtime error: slice bounds out of range [:${end}] with length ${len}`,
      );
    return byteSlice(s, 0, end);
  }
  if (end < 0 || end > len) {
    if (start > len)
      throw new FuncError(`runtime error: slice bounds out of range [${start}:${len}]`);
    return byteSlice(s, start);
  }
  if (start > end)
    throw new FuncError(`runtime error: slice bounds out of range [${start}:${end}]`);
  return byteSlice(s, start, end);
}

function trunc(c: number, s: string): string {
  const len = enc.encode(s).length;
  if (c < 0 && len + c > 0) return byteSlice(s, len + c);
  if (c >= 0 && len > c) return byteSlice(s, 0, c);
  return s;
}

function repeat(count: number, s: string, ctx: CallContext): string {
  if (count < 0) throw new FuncError("strings: negative Repeat count");
  ctx.checkSize(count * s.length);
  return s.repeat(count);
}

function indent(spaces: number, v: string, ctx: CallContext): string {
  const width = Math.max(0, spaces);
  ctx.checkSize(width * (countNewlines(v) + 1) + v.length);
  const pad = " ".repeat(width);
  return width === 0 ? v : pad + v.replaceAll("\n", "\n" + pad);
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

/** strings.Title: upper-case the first letter of each word. */
function title(s: string): string {
  let prev = " ";
  let out = "";
  for (const ch of s) {
    out += isSeparator(prev) ? (ch.toUpperCase() === ch.toLowerCase() ? ch : toTitle(ch)) : ch;
    prev = ch;
  }
  return out;
}

function toTitle(ch: string): string {
  const u = ch.toUpperCase();
  return [...u].length === 1 ? u : ch;
}

function isSeparator(ch: string): boolean {
  if (/^[A-Za-z0-9_]$/.test(ch)) return false;
  if (ch.charCodeAt(0) < 0x80) return true;
  if (/^[\p{L}\p{Nd}]$/u.test(ch)) return false;
  return /^\s$/u.test(ch);
}

const GO_SPACE = " \t\n\v\f\r\u0085\u00a0";
function isGoSpace(ch: string): boolean {
  return GO_SPACE.includes(ch) || /^[\p{Zs}\u2028\u2029]$/u.test(ch);
}

function trimSpace(s: string): string {
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  while (a < b && isGoSpace(chars[a]!)) a++;
  while (b > a && isGoSpace(chars[b - 1]!)) b--;
  return chars.slice(a, b).join("");
}

/** strings.Trim(s, cutset). */
function trimCutset(s: string, cutset: string): string {
  const set = new Set([...cutset]);
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  while (a < b && set.has(chars[a]!)) a++;
  while (b > a && set.has(chars[b - 1]!)) b--;
  return chars.slice(a, b).join("");
}

/** strings.Split with Go's empty-separator rule (split into UTF-8 sequences). */
export function goSplit(s: string, sep: string): string[] {
  if (sep === "") return [...s];
  return s.split(sep);
}

function quote(args: unknown[]): string {
  return args
    .filter((a) => a !== null && a !== undefined)
    .map((a) => goQuote(strval(a)))
    .join(" ");
}

function squote(args: unknown[]): string {
  return args
    .filter((a) => a !== null && a !== undefined)
    .map((a) => sprintf("'%v'", [a]))
    .join(" ");
}

function cat(args: unknown[]): string {
  const v = args.filter((a) => a !== null && a !== undefined);
  return sprintf("%v ".repeat(v.length).trim(), v);
}

const n = (v: unknown): number => Number(v as number);

/** Sprig's toString (declared apart: a `toString` key in a literal confuses TypeScript's inference). */
const TO_STRING: FuncDef = { params: ["any"], call: ([v]) => strval(v) };

export const SPRIG_STRING_FUNCTIONS: Record<string, FuncDef> = {
  trim: { params: ["string"], call: ([s]) => trimSpace(s as string) },
  upper: { params: ["string"], call: ([s]) => (s as string).toUpperCase() },
  lower: { params: ["string"], call: ([s]) => (s as string).toLowerCase() },
  title: { params: ["string"], call: ([s]) => title(s as string) },
  untitle: {
    params: ["string"],
    call: ([s]) =>
      (s as string) === ""
        ? ""
        : [...(s as string)][0]!.toLowerCase() + [...(s as string)].slice(1).join(""),
  },
  substr: {
    params: ["int", "int", "string"],
    call: ([a, b, s]) => substring(n(a), n(b), s as string),
  },
  trunc: { params: ["int", "string"], call: ([c, s]) => trunc(n(c), s as string) },
  repeat: { params: ["int", "string"], call: ([c, s], ctx) => repeat(n(c), s as string, ctx) },
  trimall: { params: ["string", "string"], call: ([a, b]) => trimCutset(b as string, a as string) },
  trimAll: { params: ["string", "string"], call: ([a, b]) => trimCutset(b as string, a as string) },
  trimSuffix: {
    params: ["string", "string"],
    call: ([a, b]) =>
      (b as string).endsWith(a as string)
        ? (b as string).slice(0, (b as string).length - (a as string).length)
        : b,
  },
  trimPrefix: {
    params: ["string", "string"],
    call: ([a, b]) =>
      (b as string).startsWith(a as string) ? (b as string).slice((a as string).length) : b,
  },
  contains: {
    params: ["string", "string"],
    call: ([sub, s]) => (s as string).includes(sub as string),
  },
  hasPrefix: {
    params: ["string", "string"],
    call: ([p, s]) => (s as string).startsWith(p as string),
  },
  hasSuffix: {
    params: ["string", "string"],
    call: ([p, s]) => (s as string).endsWith(p as string),
  },
  quote: { params: [], variadic: "any", call: (args) => quote(args) },
  squote: { params: [], variadic: "any", call: (args) => squote(args) },
  cat: { params: [], variadic: "any", call: (args) => cat(args) },
  indent: { params: ["int", "string"], call: ([c, s], ctx) => indent(n(c), s as string, ctx) },
  nindent: {
    params: ["int", "string"],
    call: ([c, s], ctx) => "\n" + indent(n(c), s as string, ctx),
  },
  replace: {
    params: ["string", "string", "string"],
    call: ([o, nw, s]) => goReplace(s as string, o as string, nw as string),
  },
  plural: {
    params: ["string", "string", "int"],
    call: ([one, many, c]) => (n(c) === 1 ? one : many),
  },
  toString: TO_STRING,
  split: {
    params: ["string", "string"],
    call: ([sep, s]) => splitMap(goSplit(s as string, sep as string)),
  },
  splitn: {
    params: ["string", "int", "string"],
    call: ([sep, c, s]) => splitMap(splitN(s as string, sep as string, n(c))),
  },
  splitList: {
    params: ["string", "string"],
    call: ([sep, s]) => withGoType(goSplit(s as string, sep as string), "[]string"),
  },
};

/** strings.Replace(s, old, new, -1), including Go's rule for an empty `old`. */
function goReplace(s: string, old: string, nw: string): string {
  if (old === "") return [...s].map((c) => nw + c).join("") + nw;
  return s.split(old).join(nw);
}

function splitN(s: string, sep: string, count: number): string[] {
  if (count === 0) return [];
  const parts = goSplit(s, sep);
  if (count < 0 || parts.length <= count) return parts;
  return [...parts.slice(0, count - 1), parts.slice(count - 1).join(sep)];
}

function splitMap(parts: string[]): Map<string, unknown> {
  const m = new Map<string, unknown>();
  parts.forEach((p, i) => m.set("_" + i, p));
  return withGoType(m, "map[string]string");
}
