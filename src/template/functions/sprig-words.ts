/** Sprig's word-level string functions: case conversion, wrapping, abbreviation, initials. */
import {
  abbreviateFull,
  deleteWhiteSpace,
  initials,
  swapCase,
  wrapCustom,
} from "./goutils-words.js";
import type { FuncDef } from "./types.js";
import { toCamelCase, toKebabCase, toSnakeCase } from "./xstrings-case.js";

const n = (v: unknown): number => Number(v as number);
const str = (f: (s: string) => string): FuncDef => ({
  params: ["string"],
  call: ([s]) => f(s as string),
});

/** Sprig's abbrevboth: widths too small for goutils give the string back unchanged. */
function abbrevBoth(left: number, right: number, s: string): string {
  if (right < 4 || (left > 0 && right < 7)) return s;
  return abbreviateFull(s, left, right);
}

export const SPRIG_WORD_FUNCTIONS: Record<string, FuncDef> = {
  snakecase: str(toSnakeCase),
  kebabcase: str(toKebabCase),
  camelcase: str(toCamelCase),
  swapcase: str(swapCase),
  initials: str(initials),
  nospace: str(deleteWhiteSpace),
  wrap: { params: ["int", "string"], call: ([w, s]) => wrapCustom(s as string, n(w), "", false) },
  wrapWith: {
    params: ["int", "string", "string"],
    call: ([w, sep, s]) => wrapCustom(s as string, n(w), sep as string, true),
  },
  abbrev: {
    params: ["int", "string"],
    call: ([w, s]) => (n(w) < 4 ? s : abbreviateFull(s as string, 0, n(w))),
  },
  abbrevboth: {
    params: ["int", "int", "string"],
    call: ([l, r, s]) => abbrevBoth(n(l), n(r), s as string),
  },
};
