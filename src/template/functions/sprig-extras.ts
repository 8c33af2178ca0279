/** Smaller Sprig functions: decimal float arithmetic, paths, base32, adler32, deepCopy, toRawJson, hello. */
import { goFloat } from "../values.js";
import { toFloat64 } from "./cast.js";
import { base32Decode, base32Encode } from "./go-base32.js";
import { marshalJsonRaw } from "./go-json.js";
import { FuncError, type FuncDef } from "./types.js";

/** A decimal as an integer mantissa and a power-of-ten scale (shopspring/decimal's model). */
interface Decimal {
  m: bigint;
  scale: number;
}

/** decimal.NewFromFloat: the shortest decimal that round-trips. */
function fromFloat(f: number): Decimal {
  const [mant, exp] = f.toExponential().split("e") as [string, string];
  const digits = mant.replace(".", "").replace("-", "");
  const fracDigits = (mant.split(".")[1] ?? "").length;
  const scale = fracDigits - Number(exp);
  const m = BigInt(digits) * (f < 0 ? -1n : 1n);
  return scale >= 0 ? { m, scale } : { m: m * 10n ** BigInt(-scale), scale: 0 };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const s = Math.max(a.scale, b.scale);
  return [a.m * 10n ** BigInt(s - a.scale), b.m * 10n ** BigInt(s - b.scale), s];
}

function toNumber(d: Decimal): number {
  const neg = d.m < 0n;
  const digits = (neg ? -d.m : d.m).toString().padStart(d.scale + 1, "0");
  const s =
    d.scale === 0
      ? digits
      : digits.slice(0, digits.length - d.scale) + "." + digits.slice(digits.length - d.scale);
  return Number((neg ? "-" : "") + s);
}

/** DivRound to 16 places, half away from zero (decimal.Div's default precision). */
function divide(a: Decimal, b: Decimal): Decimal {
  if (b.m === 0n) throw new Error("decimal division by 0");
  const [x, y] = align(a, b);
  const scaled = x * 10n ** 17n;
  let q = scaled / y;
  const neg = q < 0n;
  if (neg) q = -q;
  q = (q + 5n) / 10n;
  return { m: neg ? -q : q, scale: 16 };
}

type Op = (a: Decimal, b: Decimal) => Decimal;
const add: Op = (a, b) => {
  const [x, y, s] = align(a, b);
  return { m: x + y, scale: s };
};
const sub: Op = (a, b) => {
  const [x, y, s] = align(a, b);
  return { m: x - y, scale: s };
};
const mul: Op = (a, b) => ({ m: a.m * b.m, scale: a.scale + b.scale });

function decimalOp(first: unknown, rest: unknown[], op: Op): unknown {
  let acc = fromFloat(toFloat64(first));
  for (const x of rest) acc = op(acc, fromFloat(toFloat64(x)));
  return goFloat(toNumber(acc));
}

/** Go's path.Clean. */
function cleanPath(p: string): string {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
    } else out.push(part);
  }
  const s = (rooted ? "/" : "") + out.join("/");
  return s === "" ? "." : s;
}

function basePath(p: string): string {
  if (p === "") return ".";
  const t = p.replace(/\/+$/, "");
  if (t === "") return "/";
  return t.slice(t.lastIndexOf("/") + 1);
}

function dirPath(p: string): string {
  return cleanPath(p.slice(0, p.lastIndexOf("/") + 1));
}

function extPath(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== "/"; i--) if (p[i] === ".") return p.slice(i);
  return "";
}

function adler32(s: string): number {
  let a = 1;
  let b = 0;
  for (const byte of new TextEncoder().encode(s)) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return (b * 65536 + a) >>> 0;
}

/** copystructure.Copy: a deep copy of maps and slices; nil panics inside reflect, as in Go. */
function deepCopyValue(v: unknown): unknown {
  if (v === null || v === undefined)
    throw new FuncError("reflect: call of reflect.Value.Type on zero Value");
  return deepCopy(v);
}

function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, deepCopy(x)]));
  return v;
}

export const SPRIG_EXTRA_FUNCTIONS: Record<string, FuncDef> = {
  addf: { params: [], variadic: "any", call: (args) => decimalOp(0, args, add) },
  add1f: { params: ["any"], call: ([a]) => decimalOp(a, [1], add) },
  subf: { params: ["any"], variadic: "any", call: ([a, ...r]) => decimalOp(a, r, sub) },
  mulf: { params: ["any"], variadic: "any", call: ([a, ...r]) => decimalOp(a, r, mul) },
  divf: { params: ["any"], variadic: "any", call: ([a, ...r]) => decimalOp(a, r, divide) },
  base: { params: ["string"], call: ([p]) => basePath(p as string) },
  dir: { params: ["string"], call: ([p]) => dirPath(p as string) },
  ext: { params: ["string"], call: ([p]) => extPath(p as string) },
  clean: { params: ["string"], call: ([p]) => cleanPath(p as string) },
  isAbs: { params: ["string"], call: ([p]) => (p as string).startsWith("/") },
  // path/filepath on Linux: the same rules as path.
  osBase: { params: ["string"], call: ([p]) => basePath(p as string) },
  osDir: { params: ["string"], call: ([p]) => dirPath(p as string) },
  osExt: { params: ["string"], call: ([p]) => extPath(p as string) },
  osClean: { params: ["string"], call: ([p]) => cleanPath(p as string) },
  osIsAbs: { params: ["string"], call: ([p]) => (p as string).startsWith("/") },
  hello: { params: [], call: () => "Hello!" },
  b32enc: { params: ["string"], call: ([s]) => base32Encode(s as string) },
  b32dec: { params: ["string"], call: ([s]) => base32Decode(s as string) },
  adler32sum: { params: ["string"], call: ([s]) => String(adler32(s as string)) },
  deepCopy: { params: ["any"], call: ([v]) => deepCopyValue(v) },
  toRawJson: { params: ["any"], call: ([v]) => marshalJsonRaw(v) },
};
