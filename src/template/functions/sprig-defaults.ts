/** Sprig's default/logic functions (defaults.go) and Helm's required. */
import { kindOf, toJsNumber } from "../values.js";
import { FuncError, type FuncDef } from "./types.js";

/** Sprig's empty: the zero value of its type (structs are never empty). */
export function empty(v: unknown): boolean {
  switch (kindOf(v)) {
    case "invalid":
      return true;
    case "string":
      return (v as string).length === 0;
    case "slice":
      return (v as unknown[]).length === 0;
    case "map":
      return (v as Map<string, unknown>).size === 0;
    case "bool":
      return v === false;
    case "int":
    case "int64":
    case "uint64":
    case "float64":
      return toJsNumber(v) === 0;
    case "struct":
      return false;
    default:
      return v === null;
  }
}

export const SPRIG_DEFAULT_FUNCTIONS: Record<string, FuncDef> = {
  default: {
    params: ["any"],
    variadic: "any",
    call: ([d, ...given]) => (given.length === 0 || empty(given[0]) ? d : given[0]),
  },
  empty: { params: ["any"], call: ([v]) => empty(v) },
  coalesce: { params: [], variadic: "any", call: (args) => args.find((v) => !empty(v)) ?? null },
  all: { params: [], variadic: "any", call: (args) => args.every((v) => !empty(v)) },
  any: { params: [], variadic: "any", call: (args) => args.some((v) => !empty(v)) },
  ternary: { params: ["any", "any", "bool"], call: ([t, f, c]) => (c ? t : f) },
  fail: {
    params: ["string"],
    call: ([msg]) => {
      throw new FuncError(msg as string);
    },
  },
  required: {
    params: ["string", "any"],
    call: ([warn, val]) => {
      if (val === null || val === undefined || val === "") throw new FuncError(warn as string);
      return val;
    },
  },
};
