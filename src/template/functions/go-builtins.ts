/** Go's own template functions (text/template/funcs.go). */
import { sprint, sprintf, sprintln } from "../format/fmt.js";
import { isGoPrint } from "../format/quote.js";
import {
  Int64,
  Uint64,
  byteLength,
  goTypeName,
  isTrue,
  kindOf,
  toBigInt,
  toJsNumber,
} from "../values.js";
import { FuncError, type FuncDef } from "./types.js";

type Kind = "bool" | "int" | "uint" | "float" | "string" | "invalid";

function basicKind(v: unknown): Kind {
  switch (kindOf(v)) {
    case "bool":
      return "bool";
    case "int":
    case "int64":
      return "int";
    case "uint64":
      return "uint";
    case "float64":
      return "float";
    case "string":
      return "string";
    default:
      return "invalid";
  }
}

function isNilValue(v: unknown): boolean {
  return v === undefined || v === null || (v instanceof Map && false);
}

/** Go's eq: true when arg1 equals any of the others; mixed basic kinds are an error. */
function eq(arg1: unknown, others: unknown[]): boolean {
  if (others.length === 0) throw new FuncError("missing argument for comparison");
  const k1 = basicKind(arg1);
  for (const arg of others) {
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 === "int" && k2 === "uint") truth = intBits(arg1) === intBits(arg);
    else if (k1 === "uint" && k2 === "int") truth = intBits(arg1) === intBits(arg);
    else if (k1 !== k2) {
      if (arg1 !== undefined && arg1 !== null && arg !== undefined && arg !== null) {
        throw new FuncError("incompatible types for comparison");
      }
    } else {
      switch (k1) {
        case "bool":
        case "string":
          truth = arg1 === arg;
          break;
        case "int":
        case "uint":
          truth = intBits(arg1) === intBits(arg);
          break;
        case "float":
          truth = toJsNumber(arg1) === toJsNumber(arg);
          break;
        default:
          truth = compareOther(arg1, arg);
      }
    }
    if (truth) return true;
  }
  return false;
}

/** The exact value of an int, int64 or uint64 (mixed signs compare by value, as Go 1.18+ does). */
function intBits(v: unknown): bigint {
  return toBigInt(v as number | bigint | Int64 | Uint64);
}

/** eq on non-basic kinds: nils compare, maps/slices are not comparable. */
function compareOther(a: unknown, b: unknown): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka !== kb && ka !== "invalid" && kb !== "invalid") {
    throw new FuncError(
      `non-comparable types ${sprintf("%s", [a])}: ${goTypeName(a)}, ${goTypeName(b)}: ${sprint([b])}`,
    );
  }
  if (isNilValue(a) || isNilValue(b)) return isNilValue(a) === isNilValue(b);
  if (ka === "slice" || ka === "map" || ka === "func") {
    throw new FuncError(`non-comparable type ${sprintf("%s", [b])}: ${goTypeName(b)}`);
  }
  return a === b;
}

function lt(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  if (k1 === "invalid") throw new FuncError("invalid type for comparison");
  const k2 = basicKind(b);
  if (k2 === "invalid") throw new FuncError("invalid type for comparison");
  const mixedInts = (k1 === "int" && k2 === "uint") || (k1 === "uint" && k2 === "int");
  if (mixedInts) return intBits(a) < intBits(b);
  if (k1 !== k2) throw new FuncError("incompatible types for comparison");
  switch (k1) {
    case "bool":
      throw new FuncError("invalid type for comparison");
    case "float":
      return toJsNumber(a) < toJsNumber(b);
    case "int":
    case "uint":
      return intBits(a) < intBits(b);
    default:
      return (a as string) < (b as string);
  }
}

function le(a: unknown, b: unknown): boolean {
  return lt(a, b) || eq(a, [b]);
}

function indexArg(index: unknown, cap: number): number {
  const k = kindOf(index);
  if (k === "invalid") throw new FuncError("cannot index slice/array with nil");
  if (k !== "int" && k !== "int64" && k !== "uint64")
    throw new FuncError(`cannot index slice/array with type ${goTypeName(index)}`);
  // Go reads a uint64 index as int64, so a huge one is negative: out of range either way.
  const x = BigInt.asIntN(64, intBits(index));
  if (x < 0n || x > BigInt(cap)) throw new FuncError(`index out of range: ${x}`);
  return Number(x);
}

function index(item: unknown, indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new FuncError("index of untyped nil");
  for (const idx of indexes) {
    if (item === undefined || item === null) throw new FuncError("index of nil pointer");
    if (Array.isArray(item)) {
      const x = indexArg(idx, item.length);
      if (x === item.length) throw new FuncError("reflect: slice index out of range");
      item = item[x];
    } else if (typeof item === "string") {
      const bytes = new TextEncoder().encode(item);
      const x = indexArg(idx, bytes.length);
      if (x === bytes.length) throw new FuncError("reflect: string index out of range");
      item = bytes[x];
    } else if (item instanceof Map) {
      if (idx === undefined || idx === null)
        throw new FuncError("value is nil; should be of type string");
      if (typeof idx !== "string")
        throw new FuncError(`value has type ${goTypeName(idx)}; should be string`);
      item = item.has(idx) ? item.get(idx) : goTypeName(item) === "map[string]string" ? "" : null;
    } else throw new FuncError(`can't index item of type ${goTypeName(item)}`);
  }
  return item;
}

function slice(item: unknown, indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new FuncError("slice of untyped nil");
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof item === "string") {
    if (indexes.length === 3) throw new FuncError("cannot 3-index slice a string");
    len = byteLength(item);
  } else if (Array.isArray(item)) len = item.length;
  else throw new FuncError(`can't slice item of type ${goTypeName(item)}`);
  const idx = [0, len, len];
  indexes.forEach((ix, i) => (idx[i] = indexArg(ix, len)));
  if (idx[0]! > idx[1]!) throw new FuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!)
    throw new FuncError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === "string") {
    const bytes = new TextEncoder().encode(item).slice(idx[0], idx[1]);
    return new TextDecoder().decode(bytes);
  }
  return (item as unknown[]).slice(idx[0], idx[1]);
}

function length(item: unknown): number {
  if (item === null) throw new FuncError("len of nil pointer");
  if (item === undefined) throw new FuncError("reflect: call of reflect.Value.Type on zero Value");
  if (typeof item === "string") return byteLength(item);
  if (Array.isArray(item)) return item.length;
  if (item instanceof Map) return item.size;
  throw new FuncError(`len of type ${goTypeName(item)}`);
}

/** html/template-free HTML escaping (text/template's HTMLEscapeString). */
function htmlEscape(s: string): string {
  return s.replace(
    /[\0"'&<>]/g,
    (c) =>
      ({ "\0": "\uFFFD", '"': "&#34;", "'": "&#39;", "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c] ??
      c,
  );
}

function jsEscape(s: string): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const special: Record<string, string> = {
      "\\": "\\\\",
      "'": "\\'",
      '"': '\\"',
      "<": "\\u003C",
      ">": "\\u003E",
      "&": "\\u0026",
      "=": "\\u003D",
    };
    if (special[ch] !== undefined) out += special[ch];
    else if (cp < 0x20) out += "\\u00" + cp.toString(16).toUpperCase().padStart(2, "0");
    else if (cp < 0x80 || isGoPrint(cp)) out += ch;
    else out += "\\u" + cp.toString(16).toUpperCase().padStart(4, "0");
  }
  return out;
}

/** net/url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = "";
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** text/template's evalArgs: one string as is, anything else through fmt.Sprint. */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === "string") return args[0];
  return sprint(args.map((a) => (a === undefined || a === null ? "<no value>" : a)));
}

function call(fn: unknown, args: unknown[]): unknown {
  if (fn === undefined || fn === null) throw new FuncError("call of nil");
  if (typeof fn !== "function") throw new FuncError(`non-function of type ${goTypeName(fn)}`);
  return (fn as (...a: unknown[]) => unknown)(...args);
}

export const GO_BUILTINS: Record<string, FuncDef> = {
  and: { params: ["value"], variadic: "value", shortCircuit: "and", call: () => undefined },
  or: { params: ["value"], variadic: "value", shortCircuit: "or", call: () => undefined },
  not: { params: ["value"], call: ([a]) => !isTrue(a) },
  call: { params: ["value"], variadic: "value", call: ([fn, ...rest]) => call(fn, rest) },
  html: { params: [], variadic: "any", call: (args) => htmlEscape(evalArgs(args)) },
  js: { params: [], variadic: "any", call: (args) => jsEscape(evalArgs(args)) },
  urlquery: { params: [], variadic: "any", call: (args) => queryEscape(evalArgs(args)) },
  index: { params: ["value"], variadic: "value", call: ([item, ...rest]) => index(item, rest) },
  slice: { params: ["value"], variadic: "value", call: ([item, ...rest]) => slice(item, rest) },
  len: { params: ["value"], call: ([a]) => length(a) },
  print: { params: [], variadic: "any", call: (args) => sprint(args) },
  printf: {
    params: ["string"],
    variadic: "any",
    call: ([f, ...rest]) => sprintf(f as string, rest),
  },
  println: { params: [], variadic: "any", call: (args) => sprintln(args) },
  eq: { params: ["value"], variadic: "value", call: ([a, ...rest]) => eq(a, rest) },
  ne: { params: ["value", "value"], call: ([a, b]) => !eq(a, [b]) },
  lt: { params: ["value", "value"], call: ([a, b]) => lt(a, b) },
  le: { params: ["value", "value"], call: ([a, b]) => le(a, b) },
  gt: { params: ["value", "value"], call: ([a, b]) => !le(a, b) },
  ge: { params: ["value", "value"], call: ([a, b]) => !lt(a, b) },
};
