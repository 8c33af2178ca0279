/** Sprig's list functions (list.go): they accept any slice and return []interface{}. */
import { goTypeName, kindOf, nilSlice, withGoType } from "../values.js";
import { strval, toInt } from "./cast.js";
import { deepEqual } from "./deep-equal.js";
import { empty } from "./sprig-defaults.js";
import { FuncError, type FuncDef } from "./types.js";

/** Go's reflect Kind name of a value's type, as Sprig prints it in errors. */
function kindName(v: unknown): string {
  const k = kindOf(v);
  return k === "int64"
    ? "int64"
    : k === "float64"
      ? "float64"
      : k === "invalid"
        ? "invalid"
        : k === "func"
          ? "func"
          : k;
}

/** reflect.TypeOf(nil).Kind() panics in Go; Sprig's list functions inherit that. */
function requireList(v: unknown, what: string): unknown[] {
  if (v === null || v === undefined)
    throw new FuncError("runtime error: invalid memory address or nil pointer dereference");
  if (!Array.isArray(v)) throw new FuncError(`${what} ${kindName(v)}`);
  return v;
}

function strslice(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

function sortAlpha(v: unknown): string[] {
  if (Array.isArray(v)) {
    return withGoType(
      strslice(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      "[]string",
    );
  }
  return withGoType([strval(v)], "[]string");
}

function sliceList(list: unknown, indices: unknown[]): unknown {
  const l = requireList(list, "list should be type of slice or array but");
  if (l.length === 0) return null;
  const start = indices.length > 0 ? Number(toInt(indices[0])) : 0;
  const end = indices.length < 2 ? l.length : Number(toInt(indices[1]));
  if (start < 0 || end > l.length || start > end) {
    throw new FuncError(`reflect: slice index out of range`);
  }
  const out = l.slice(start, end);
  const t = goTypeName(l);
  return t === "[]interface {}" ? out : withGoType(out, t);
}

function concat(lists: unknown[]): unknown[] {
  const res: unknown[] = [];
  for (const l of lists) {
    if (l === null || l === undefined)
      throw new FuncError("runtime error: invalid memory address or nil pointer dereference");
    if (!Array.isArray(l)) throw new FuncError(`Cannot concat type ${kindName(l)} as list`);
    res.push(...l);
  }
  return res.length === 0 ? nilSlice() : res;
}

function uniq(list: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const x of list) if (!out.some((y) => deepEqual(x, y))) out.push(x);
  return out;
}

function has(needle: unknown, haystack: unknown): boolean {
  if (haystack === null || haystack === undefined) return false;
  if (!Array.isArray(haystack))
    throw new FuncError(`Cannot find has on type ${kindName(haystack)}`);
  return haystack.some((x) => deepEqual(needle, x));
}

function chunk(size: number, list: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return withGoType(out, "[][]interface {}");
}

const listFn = (what: string, f: (l: unknown[]) => unknown): FuncDef => ({
  params: ["any"],
  call: ([l]) => f(requireList(l, what)),
});

export const SPRIG_LIST_FUNCTIONS: Record<string, FuncDef> = {
  list: { params: [], variadic: "any", call: (args) => args },
  tuple: { params: [], variadic: "any", call: (args) => args },
  append: {
    params: ["any", "any"],
    call: ([l, v]) => [...requireList(l, "Cannot push on type"), v],
  },
  push: { params: ["any", "any"], call: ([l, v]) => [...requireList(l, "Cannot push on type"), v] },
  prepend: {
    params: ["any", "any"],
    call: ([l, v]) => [v, ...requireList(l, "Cannot prepend on type")],
  },
  first: listFn("Cannot find first on type", (l) => (l.length === 0 ? null : l[0])),
  last: listFn("Cannot find last on type", (l) => (l.length === 0 ? null : l[l.length - 1])),
  rest: listFn("Cannot find rest on type", (l) => (l.length === 0 ? nilSlice() : l.slice(1))),
  initial: listFn("Cannot find initial on type", (l) =>
    l.length === 0 ? nilSlice() : l.slice(0, -1),
  ),
  reverse: listFn("Cannot find reverse on type", (l) => [...l].reverse()),
  uniq: listFn("Cannot find uniq on type", uniq),
  compact: listFn("Cannot compact on type", (l) => l.filter((x) => !empty(x))),
  without: {
    params: ["any"],
    variadic: "any",
    call: ([l, ...omit]) =>
      requireList(l, "Cannot find without on type").filter(
        (x) => !omit.some((o) => deepEqual(o, x)),
      ),
  },
  has: { params: ["any", "any"], call: ([n, h]) => has(n, h) },
  slice: { params: ["any"], variadic: "any", call: ([l, ...ix]) => sliceList(l, ix) },
  concat: { params: [], variadic: "any", call: (lists) => concat(lists) },
  chunk: {
    params: ["int", "any"],
    call: ([s, l]) => chunk(Number(s), requireList(l, "Cannot chunk type")),
  },
  sortAlpha: { params: ["any"], call: ([l]) => sortAlpha(l) },
  join: { params: ["string", "any"], call: ([sep, l]) => strslice(l).join(sep as string) },
  toStrings: { params: ["any"], call: ([l]) => withGoType(strslice(l), "[]string") },
};
