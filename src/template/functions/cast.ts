/** spf13/cast and Sprig's strval: the loose conversions Sprig's functions apply to arguments. */
import { sprint } from "../format/fmt.js";
import { parseGoFloat, parseIntBase0 } from "../number-literal.js";
import { Int64, Uint64, kindOf, toBigInt, toJsNumber, wrapInt64 } from "../values.js";

/** Go's int64(f) conversion for a float (saturating like amd64 does for out-of-range values). */
function floatToInt64(f: number): bigint {
  if (Number.isNaN(f) || f >= 2 ** 63 || f < -(2 ** 63)) return -(2n ** 63n);
  return BigInt(Math.trunc(f));
}

/** cast's trimZeroDecimal: "1.000" → "1". */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === ".") return foundZero ? s.slice(0, i - 1) : s;
    if (c === "0") foundZero = true;
    else return s;
  }
  return s;
}

/** strconv.ParseInt(s, 0, 64): bigint or null. */
export function parseInt64Base0(s: string): bigint | null {
  const v = parseIntBase0(s);
  return v === null || v < -(2n ** 63n) || v > 2n ** 63n - 1n ? null : v;
}

/** cast.ToInt64 (errors give 0, as Sprig ignores them). */
export function toInt64(v: unknown): bigint {
  switch (kindOf(v)) {
    case "int":
    case "int64":
      return toBigInt(v as number | bigint | Int64);
    case "uint64":
      return wrapInt64(toBigInt(v as Uint64));
    case "float64":
      return floatToInt64(toJsNumber(v));
    case "string":
      return parseInt64Base0(trimZeroDecimal(v as string)) ?? 0n;
    case "bool":
      return v ? 1n : 0n;
    default:
      return 0n;
  }
}

/** cast.ToInt (64-bit int). */
export function toInt(v: unknown): bigint {
  return wrapInt64(toInt64(v));
}

/** cast.ToFloat64. */
export function toFloat64(v: unknown): number {
  switch (kindOf(v)) {
    case "int":
    case "int64":
    case "uint64":
    case "float64":
      return toJsNumber(v);
    case "string": {
      const f = parseGoFloat(v as string);
      return f ?? 0;
    }
    case "bool":
      return v ? 1 : 0;
    default:
      return 0;
  }
}

/** Sprig's strval: strings as is, everything else through fmt's %v. */
export function strval(v: unknown): string {
  if (typeof v === "string") return v;
  return sprint([v === undefined ? null : v]);
}
