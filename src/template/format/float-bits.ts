/**
 * strconv.FormatFloat's binary formats for float64: 'b' (decimal mantissa, binary exponent)
 * and 'x'/'X' (hexadecimal mantissa, binary exponent), as `%b` and `%x` print floats.
 */

const MANT_BITS = 52n;
const view = new DataView(new ArrayBuffer(8));

/** The sign, the mantissa (with the implicit bit) and the unbiased exponent, as genericFtoa splits them. */
function split(v: number): { neg: boolean; mant: bigint; exp: number } {
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const neg = bits >> 63n === 1n;
  let exp = Number((bits >> MANT_BITS) & 0x7ffn);
  let mant = bits & ((1n << MANT_BITS) - 1n);
  if (exp === 0) exp++;
  else mant |= 1n << MANT_BITS;
  return { neg, mant, exp: exp - 1023 };
}

function special(v: number): string | null {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return null;
}

/** strconv 'b': -ddddp±ddd. */
export function formatFloatBinary(v: number): string {
  const s = special(v);
  if (s !== null) return s;
  const { neg, mant, exp } = split(v);
  const e = exp - Number(MANT_BITS);
  return (neg ? "-" : "") + mant.toString() + "p" + (e >= 0 ? "+" : "") + String(e);
}

const TOP = 1n << 60n;
const LOW60 = TOP - 1n;

/** strconv 'x'/'X' (fmtX): -0x1.yyyyp±dd, rounded to `prec` hex digits when prec ≥ 0. */
export function formatFloatHex(v: number, fmt: "x" | "X", prec: number): string {
  const s = special(v);
  if (s !== null) return s;
  let { neg, mant, exp } = split(v);
  if (mant === 0n) exp = 0;
  // Shift so the leading 1 (if any) sits at bit 60.
  mant <<= 60n - MANT_BITS;
  while (mant !== 0n && (mant & TOP) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & LOW60;
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = fmt === "X" ? "0123456789ABCDEF" : "0123456789abcdef";
  let out = (neg ? "-" : "") + "0" + fmt + ((mant >> 60n) & 1n).toString();
  mant = (mant << 4n) & ((1n << 64n) - 1n);
  const digit = (): string => {
    const d = hex[Number((mant >> 60n) & 15n)]!;
    mant = (mant << 4n) & ((1n << 64n) - 1n);
    return d;
  };
  if (prec < 0 && mant !== 0n) {
    out += ".";
    while (mant !== 0n) out += digit();
  } else if (prec > 0) {
    out += ".";
    for (let i = 0; i < prec; i++) out += digit();
  }
  out += fmt === "X" ? "P" : "p";
  out += exp < 0 ? "-" : "+";
  const e = Math.abs(exp);
  return out + (e < 100 ? String(e).padStart(2, "0") : String(e));
}
