/** Sprig's dict functions (dict.go), with mergo's merge semantics for merge/mergeOverwrite. */
import { goTypeName, kindOf, withGoType } from "../values.js";
import { strval } from "./cast.js";
import { empty } from "./sprig-defaults.js";
import { FuncError, type FuncDef } from "./types.js";

type Dict = Map<string, unknown>;

/** A nil map argument reads as empty; writing to it panics in Go. */
function readable(d: unknown): Dict {
  return d instanceof Map ? d : new Map();
}

function writable(d: unknown): Dict {
  if (!(d instanceof Map)) throw new FuncError("assignment to entry in nil map");
  return d;
}

function dict(args: unknown[]): Dict {
  const m: Dict = new Map();
  for (let i = 0; i < args.length; i += 2) {
    const key = strval(args[i]);
    m.set(key, i + 1 >= args.length ? "" : args[i + 1]);
  }
  return m;
}

function isPlainDict(v: unknown): v is Dict {
  return v instanceof Map && kindOf(v) === "map";
}

/**
 * mergo.Merge / MergeWithOverwrite for map[string]interface{}: nested maps merge
 * recursively; other values fill empty destination values (or overwrite with the flag).
 */
function mergeInto(dst: Dict, src: Dict, overwrite: boolean): void {
  for (const [k, sv] of src) {
    const dv = dst.get(k);
    if (isPlainDict(dv) && isPlainDict(sv)) {
      mergeInto(dv, sv, overwrite);
      continue;
    }
    if (!dst.has(k) || (empty(dv) && !isPlainDict(dv))) {
      dst.set(k, sv);
    } else if (overwrite) {
      dst.set(k, sv);
    }
  }
}

function merge(dst: unknown, srcs: unknown[], overwrite: boolean): unknown {
  const d = dst instanceof Map ? dst : new Map<string, unknown>();
  for (const s of srcs) if (s instanceof Map) mergeInto(d, s, overwrite);
  return d;
}

/** How Go's interface conversion panic names a value's type. */
function ifaceName(v: unknown): string {
  return v === null || v === undefined ? "nil" : goTypeName(v);
}

function dig(args: unknown[]): unknown {
  if (args.length < 3) throw new FuncError("dig needs at least three arguments");
  const last = args[args.length - 1];
  if (!(last instanceof Map))
    throw new FuncError(
      `interface conversion: interface {} is ${ifaceName(last)}, not map[string]interface {}`,
    );
  const def = args[args.length - 2];
  const keys = args.slice(0, -2).map((k) => {
    if (typeof k !== "string")
      throw new FuncError(`interface conversion: interface {} is ${ifaceName(k)}, not string`);
    return k;
  });
  let cur: Dict = last;
  for (let i = 0; i < keys.length; i++) {
    if (!cur.has(keys[i]!)) return def;
    const step = cur.get(keys[i]!);
    if (i === keys.length - 1) return step;
    if (!(step instanceof Map))
      throw new FuncError(
        `interface conversion: interface {} is ${ifaceName(step)}, not map[string]interface {}`,
      );
    cur = step;
  }
  return def;
}

export const SPRIG_DICT_FUNCTIONS: Record<string, FuncDef> = {
  dict: { params: [], variadic: "any", call: (args) => dict(args) },
  get: {
    params: ["map", "string"],
    call: ([d, k]) => (readable(d).has(k as string) ? readable(d).get(k as string) : ""),
  },
  set: {
    params: ["map", "string", "any"],
    call: ([d, k, v]) => {
      writable(d).set(k as string, v);
      return d;
    },
  },
  unset: {
    params: ["map", "string"],
    call: ([d, k]) => {
      readable(d).delete(k as string);
      return d;
    },
  },
  hasKey: { params: ["map", "string"], call: ([d, k]) => readable(d).has(k as string) },
  pluck: {
    params: ["string"],
    variadic: "map",
    call: ([k, ...ds]) =>
      ds.filter((d) => readable(d).has(k as string)).map((d) => readable(d).get(k as string)),
  },
  keys: {
    params: [],
    variadic: "map",
    call: (ds) =>
      withGoType(
        ds.flatMap((d) => [...readable(d).keys()]),
        "[]string",
      ),
  },
  values: { params: ["map"], call: ([d]) => [...readable(d).values()] },
  pick: {
    params: ["map"],
    variadic: "string",
    call: ([d, ...ks]) => {
      const out: Dict = new Map();
      for (const k of ks as string[]) if (readable(d).has(k)) out.set(k, readable(d).get(k));
      return out;
    },
  },
  omit: {
    params: ["map"],
    variadic: "string",
    call: ([d, ...ks]) => {
      const out: Dict = new Map();
      for (const [k, v] of readable(d)) if (!(ks as string[]).includes(k)) out.set(k, v);
      return out;
    },
  },
  merge: { params: ["map"], variadic: "map", call: ([d, ...s]) => merge(d, s, false) },
  mergeOverwrite: { params: ["map"], variadic: "map", call: ([d, ...s]) => merge(d, s, true) },
  dig: { params: [], variadic: "any", call: (args) => dig(args) },
};
