/** Sprig's number functions (numeric.go and functions.go): int64 arithmetic that wraps like Go. */
import { sprint } from "../format/fmt.js";
import { Int64, goFloat, goInt, withGoType, wrapInt64 } from "../values.js";
import { parseInt64Base0, toFloat64, toInt, toInt64 } from "./cast.js";
import { FuncError, type CallContext, type FuncDef } from "./types.js";

const i64 = (v: bigint): Int64 => new Int64(wrapInt64(v));

function div(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new FuncError("runtime error: integer divide by zero");
  return a / b;
}

function mod(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new FuncError("runtime error: integer divide by zero");
  return a % b;
}

/** untilStep, with the element count checked against the limits before building anything. */
function untilStep(start: number, stop: number, step: number, ctx: CallContext): number[] {
  let count = 0;
  if (stop < start) {
    if (step >= 0) return [];
    count = Math.ceil((start - stop) / -step);
  } else {
    if (step <= 0) return [];
    count = Math.ceil((stop - start) / step);
  }
  ctx.checkIterations(count);
  const v: number[] = [];
  for (let i = 0, x = start; i < count; i++, x += step) v.push(x);
  return v;
}

function intList(v: number[]): unknown[] {
  return withGoType(v, "[]int");
}

function seq(params: number[], ctx: CallContext): string {
  const join = (v: number[]): string => v.join(" ");
  switch (params.length) {
    case 0:
      return "";
    case 1: {
      const end = params[0]!;
      const inc = end < 1 ? -1 : 1;
      return join(untilStep(1, end + inc, inc, ctx));
    }
    case 2: {
      const [start, end] = params as [number, number];
      const step = end < start ? -1 : 1;
      return join(untilStep(start, end + step, step, ctx));
    }
    case 3: {
      const [start, step, end] = params as [number, number, number];
      let inc = 1;
      if (end < start) {
        inc = -1;
        if (step > 0) return "";
      }
      return join(untilStep(start, end + inc, step, ctx));
    }
    default:
      return "";
  }
}

/** Sprig's round: half away from zero at `roundOn`, to `places` decimals. */
function round(a: unknown, p: number, rest: unknown[]): number {
  const roundOn = rest.length > 0 ? toFloat64(rest[0]) : 0.5;
  const val = toFloat64(a);
  const pow = Math.pow(10, p);
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  const r = frac >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

function maxMin(a: unknown, rest: unknown[], better: (x: bigint, y: bigint) => boolean): Int64 {
  let aa = toInt64(a);
  for (const b of rest) {
    const bb = toInt64(b);
    if (better(bb, aa)) aa = bb;
  }
  return i64(aa);
}

export const SPRIG_NUMBER_FUNCTIONS: Record<string, FuncDef> = {
  add1: { params: ["any"], call: ([a]) => i64(toInt64(a) + 1n) },
  add: {
    params: [],
    variadic: "any",
    call: (args) => i64(args.reduce<bigint>((s, b) => wrapInt64(s + toInt64(b)), 0n)),
  },
  sub: { params: ["any", "any"], call: ([a, b]) => i64(toInt64(a) - toInt64(b)) },
  div: { params: ["any", "any"], call: ([a, b]) => i64(div(toInt64(a), toInt64(b))) },
  mod: { params: ["any", "any"], call: ([a, b]) => i64(mod(toInt64(a), toInt64(b))) },
  mul: {
    params: ["any"],
    variadic: "any",
    call: ([a, ...r]) => i64(r.reduce<bigint>((s, b) => wrapInt64(s * toInt64(b)), toInt64(a))),
  },
  max: { params: ["any"], variadic: "any", call: ([a, ...r]) => maxMin(a, r, (x, y) => x > y) },
  biggest: { params: ["any"], variadic: "any", call: ([a, ...r]) => maxMin(a, r, (x, y) => x > y) },
  min: { params: ["any"], variadic: "any", call: ([a, ...r]) => maxMin(a, r, (x, y) => x < y) },
  maxf: {
    params: ["any"],
    variadic: "any",
    call: ([a, ...r]) =>
      goFloat(r.reduce<number>((m, b) => Math.max(m, toFloat64(b)), toFloat64(a))),
  },
  minf: {
    params: ["any"],
    variadic: "any",
    call: ([a, ...r]) =>
      goFloat(r.reduce<number>((m, b) => Math.min(m, toFloat64(b)), toFloat64(a))),
  },
  int64: { params: ["any"], call: ([a]) => i64(toInt64(a)) },
  int: { params: ["any"], call: ([a]) => goInt(toInt(a)) },
  float64: { params: ["any"], call: ([a]) => goFloat(toFloat64(a)) },
  atoi: {
    params: ["string"],
    call: ([s]) => {
      const m = /^[+-]?[0-9]+$/.test(s as string)
        ? parseInt64Base0(String(BigInt(s as string)))
        : null;
      return goInt(m ?? 0n);
    },
  },
  toDecimal: {
    params: ["any"],
    call: ([v]) => {
      const s = sprint([v]);
      return i64(
        /^[+-]?[0-7]+$/.test(s)
          ? BigInt.asIntN(64, BigInt((s.startsWith("-") ? "-0o" : "0o") + s.replace(/^[+-]/, "")))
          : 0n,
      );
    },
  },
  until: {
    params: ["int"],
    call: ([c], ctx) => {
      const count = Number(c);
      return intList(untilStep(0, count, count < 0 ? -1 : 1, ctx));
    },
  },
  untilStep: {
    params: ["int", "int", "int"],
    call: ([a, b, s], ctx) => intList(untilStep(Number(a), Number(b), Number(s), ctx)),
  },
  seq: { params: [], variadic: "int", call: (p, ctx) => seq(p.map(Number), ctx) },
  floor: { params: ["any"], call: ([a]) => goFloat(Math.floor(toFloat64(a))) },
  ceil: { params: ["any"], call: ([a]) => goFloat(Math.ceil(toFloat64(a))) },
  round: {
    params: ["any", "int"],
    variadic: "float64",
    call: ([a, p, ...r]) => goFloat(round(a, Number(p), r)),
  },
};
