/** DataOS's template helpers: dotted-path lookups and `resolve` (supplied by the caller). */
import { FuncError, type FuncDef } from "./types.js";

function lookupNested(m: unknown, path: string): { found: boolean; value: unknown } {
  let cur: unknown = m;
  for (const key of path.split(".")) {
    if (!(cur instanceof Map) || !cur.has(key)) return { found: false, value: null };
    cur = cur.get(key);
  }
  return { found: true, value: cur };
}

export const DATAOS_FUNCTIONS: Record<string, FuncDef> = {
  getNested: { params: ["map", "string"], call: ([m, p]) => lookupNested(m, p as string).value },
  hasNested: { params: ["map", "string"], call: ([m, p]) => lookupNested(m, p as string).found },
  getMapValue: {
    params: ["map", "string"],
    call: ([m, k]) => (m instanceof Map && m.has(k as string) ? m.get(k as string) : null),
  },
  resolve: {
    params: ["string"],
    call: ([address], ctx) => {
      const fn = ctx.userFuncs["resolve"];
      if (fn === undefined)
        throw new FuncError("resolve is not available: the caller supplied no dataset resolver");
      return fn(address);
    },
  },
};
