/**
 * The template data model: how Go's `interface{}` values are represented in JavaScript.
 *
 * Go distinguishes int, int64 and float64 where JavaScript has one number type, and the
 * difference is visible in templates (`eq 1 1.0` is an error, `%v` of 1.0 prints "1",
 * `indent (add 1 1)` fails because add returns int64). So:
 *
 * | Go type                  | representation                                        |
 * |--------------------------|-------------------------------------------------------|
 * | nil                      | `null` (a nil interface) or `undefined` (no value)    |
 * | bool, string             | boolean, string                                       |
 * | int                      | an integral JS number, or a bigint outside ±2^53      |
 * | int64                    | `Int64` (a bigint inside)                             |
 * | uint64                   | `Uint64` (YAML integers above int64; semver fields)   |
 * | float64                  | a non-integral JS number, or `GoFloat` when integral  |
 * | []interface{}            | a JS array (optionally tagged with another Go type)   |
 * | map[string]interface{}   | a `Map<string, unknown>` (optionally tagged)          |
 * | struct                   | `GoStruct` (for `resolve` results)                    |
 */

import type { FuncDef } from "./functions/types.js";

/** A Go float64 whose value happens to be integral (or -0, ±Inf, NaN). */
export class GoFloat {
  constructor(readonly value: number) {}
}

/** A Go int64: what Sprig's arithmetic returns. */
export class Int64 {
  constructor(readonly value: bigint) {}
}

/** A Go uint64: yaml.v2's type for integers above the int64 range, and semver's version fields. */
export class Uint64 {
  constructor(readonly value: bigint) {}
}

/** What a Go type adds to a struct's fields (semver's *Version has methods and no visible fields). */
export interface GoStructBehaviour {
  /** Methods templates can call by name; Go looks methods up before fields. */
  methods?: ReadonlyMap<string, FuncDef>;
  /** Its String() / MarshalText() form: how fmt, toJson and toYaml print it. */
  text?: string;
  /** The JavaScript value behind it, for the methods of other values of the same type. */
  native?: unknown;
  /** Unexported field names: templates may not read them, and Go says so. */
  unexported?: readonly string[];
}

/** A Go struct value: fields are looked up by exact name; the type name shows in errors. */
export class GoStruct {
  readonly methods: ReadonlyMap<string, FuncDef> | undefined;
  readonly text: string | undefined;
  readonly native: unknown;
  readonly unexported: readonly string[];

  constructor(
    readonly typeName: string,
    readonly fields: ReadonlyMap<string, unknown>,
    behaviour: GoStructBehaviour = {},
  ) {
    this.methods = behaviour.methods;
    this.text = behaviour.text;
    this.native = behaviour.native;
    this.unexported = behaviour.unexported ?? [];
  }
}

const GO_TYPE = Symbol("goType");
const NIL_SLICE = Symbol("nilSlice");

type Tagged = { [GO_TYPE]?: string; [NIL_SLICE]?: boolean };

/** Tags an array or map with a Go type other than the default []interface{} / map[string]interface{}. */
export function withGoType<T extends unknown[] | Map<string, unknown>>(
  value: T,
  goType: string,
): T {
  (value as Tagged)[GO_TYPE] = goType;
  return value;
}

/** A nil []interface{}: prints as [] but marshals to JSON null. */
export function nilSlice(): unknown[] {
  const a: unknown[] = [];
  (a as Tagged)[NIL_SLICE] = true;
  return a;
}

/** True for a nil slice made by nilSlice(). */
export function isNilSlice(v: unknown): boolean {
  return Array.isArray(v) && (v as Tagged)[NIL_SLICE] === true;
}

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/** Wraps a bigint to Go's int64 range, as Go's two's-complement arithmetic does. */
export function wrapInt64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/** A Go int from a bigint: a plain number when exact. */
export function goInt(v: bigint | number): number | bigint {
  if (typeof v === "number") return v;
  const w = wrapInt64(v);
  return w >= BigInt(Number.MIN_SAFE_INTEGER) && w <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(w)
    : w;
}

/** A Go float64 value in the data model. */
export function goFloat(n: number): number | GoFloat {
  return Number.isFinite(n) && !Number.isInteger(n) ? n : new GoFloat(n);
}

export type GoKind =
  | "invalid"
  | "bool"
  | "int"
  | "int64"
  | "uint64"
  | "float64"
  | "string"
  | "slice"
  | "map"
  | "struct"
  | "func";

/** The reflect.Kind of a value, collapsing int sizes we do not model. */
export function kindOf(v: unknown): GoKind {
  switch (typeof v) {
    case "string":
      return "string";
    case "boolean":
      return "bool";
    case "number":
      return Number.isInteger(v) ? "int" : "float64";
    case "bigint":
      return "int";
    case "function":
      return "func";
    case "undefined":
      return "invalid";
  }
  if (v === null) return "invalid";
  if (v instanceof GoFloat) return "float64";
  if (v instanceof Int64) return "int64";
  if (v instanceof Uint64) return "uint64";
  if (Array.isArray(v)) return "slice";
  if (v instanceof Map) return "map";
  if (v instanceof GoStruct) return "struct";
  return "invalid";
}

/** The Go type name of a value, as `%T` and error messages print it. */
export function goTypeName(v: unknown): string {
  const k = kindOf(v);
  switch (k) {
    case "invalid":
      return "<nil>";
    case "slice":
      return (v as Tagged)[GO_TYPE] ?? "[]interface {}";
    case "map":
      return (v as Tagged)[GO_TYPE] ?? "map[string]interface {}";
    case "struct":
      return (v as GoStruct).typeName;
    case "func":
      return "func(...interface {}) (interface {}, error)";
    default:
      return k;
  }
}

/** True for nil (either a nil interface or no value). */
export function isNil(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

/** The numeric value of an int, int64 or float64 as a JS number (may lose precision). */
export function toJsNumber(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof GoFloat) return v.value;
  if (v instanceof Int64 || v instanceof Uint64) return Number(v.value);
  return NaN;
}

/** The exact value of an int, int64 or uint64 as a bigint. */
export function toBigInt(v: number | bigint | Int64 | Uint64): bigint {
  if (v instanceof Int64 || v instanceof Uint64) return v.value;
  return typeof v === "bigint" ? v : BigInt(v);
}

/** Go's truthiness (text/template isTrue): empty values are false. */
export function isTrue(v: unknown): boolean {
  switch (kindOf(v)) {
    case "invalid":
      return false;
    case "bool":
      return v as boolean;
    case "string":
      return (v as string).length > 0;
    case "int":
    case "int64":
    case "uint64":
      return toBigIntLoose(v) !== 0n;
    case "float64":
      return toJsNumber(v) !== 0;
    case "slice":
      return (v as unknown[]).length > 0;
    case "map":
      return (v as Map<string, unknown>).size > 0;
    default:
      return true;
  }
}

function toBigIntLoose(v: unknown): bigint {
  return toBigInt(v as number | bigint | Int64 | Uint64);
}

/** Converts plain JavaScript data (JSON-like) into the data model. */
export function toTemplateValue(js: unknown): unknown {
  if (js === null || js === undefined) return null;
  switch (typeof js) {
    case "string":
    case "boolean":
      return js;
    case "number":
      return Number.isInteger(js) && Number.isSafeInteger(js) && !Object.is(js, -0)
        ? js
        : goFloat(js);
    case "bigint":
      return goInt(js);
    case "function":
      return js;
  }
  if (
    js instanceof GoFloat ||
    js instanceof Int64 ||
    js instanceof Uint64 ||
    js instanceof GoStruct
  )
    return js;
  if (Array.isArray(js)) return js.map(toTemplateValue);
  if (js instanceof Map) {
    const m = new Map<string, unknown>();
    for (const [k, v] of js) m.set(String(k), toTemplateValue(v));
    return m;
  }
  if (js instanceof Date) return js.toISOString();
  const m = new Map<string, unknown>();
  for (const [k, v] of Object.entries(js as Record<string, unknown>)) m.set(k, toTemplateValue(v));
  return m;
}

/** True when a value is already in the data model (no plain objects anywhere on top). */
export function isTemplateValue(v: unknown): boolean {
  return (
    typeof v !== "object" ||
    v === null ||
    v instanceof Map ||
    Array.isArray(v) ||
    v instanceof GoFloat ||
    v instanceof Int64 ||
    v instanceof Uint64 ||
    v instanceof GoStruct
  );
}

/** Converts a data-model value back to plain JavaScript (for JSON output). */
export function fromTemplateValue(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (v instanceof GoFloat) return v.value;
  if (v instanceof Int64 || v instanceof Uint64)
    return Number.isSafeInteger(Number(v.value)) ? Number(v.value) : v.value;
  if (Array.isArray(v)) return v.map(fromTemplateValue);
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v)
      Object.defineProperty(o, k, {
        value: fromTemplateValue(x),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return o;
  }
  if (v instanceof GoStruct) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v.fields) o[k] = fromTemplateValue(x);
    return o;
  }
  return v;
}

/** Map keys in Go's sorted order (fmtsort for strings: byte-wise). */
export function sortedKeys(m: ReadonlyMap<string, unknown>): string[] {
  return [...m.keys()].sort(compareGoStrings);
}

/** Compares two strings by UTF-8 bytes, as Go does. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  // UTF-16 order equals UTF-8 byte order except around surrogates; fix that case only.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys && (x >= 0xe000 || y >= 0xe000)) return xs ? 1 : -1;
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length;
}

/** The UTF-8 byte length of a string (Go's len). */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
