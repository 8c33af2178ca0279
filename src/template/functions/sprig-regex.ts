/** Sprig's regex functions over Go RE2 semantics (see re2.ts). */
import { withGoType } from "../values.js";
import { RegexSyntaxError, compileRe2, expand, findAll } from "./re2.js";
import { FuncError, type FuncDef } from "./types.js";

/** regexp.MustCompile: a bad pattern panics in Go, which the template reports as an error. */
function mustCompile(pattern: string): ReturnType<typeof compileRe2> {
  try {
    return compileRe2(pattern);
  } catch (e) {
    if (e instanceof RegexSyntaxError)
      throw new FuncError(`regexp: Compile(${goBackquote(pattern)}): ${e.message}`);
    throw e;
  }
}

function goBackquote(s: string): string {
  return s.includes("`") ? JSON.stringify(s) : "`" + s + "`";
}

function replaceAll(pattern: string, s: string, repl: string, literal: boolean): string {
  const { re, groupNames } = mustCompile(pattern);
  let out = "";
  let last = 0;
  for (const m of findAll(re, s, -1)) {
    out += s.slice(last, m.index) + (literal ? repl : expand(repl, m, groupNames));
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}

function split(pattern: string, s: string, n: number): string[] {
  if (n === 0) return withGoType([], "[]string");
  const { re } = mustCompile(pattern);
  if (pattern.length > 0 && s.length === 0) return withGoType([""], "[]string");
  const parts: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of findAll(re, s, n)) {
    if (n > 0 && parts.length === n - 1) break;
    end = m.index;
    if (m.index + m[0].length !== 0) parts.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) parts.push(s.slice(beg));
  return withGoType(parts, "[]string");
}

export const SPRIG_REGEX_FUNCTIONS: Record<string, FuncDef> = {
  regexMatch: {
    params: ["string", "string"],
    call: ([p, s]) => {
      try {
        return findAll(compileRe2(p as string).re, s as string, 1).length > 0;
      } catch (e) {
        if (e instanceof RegexSyntaxError) return false;
        throw e;
      }
    },
  },
  mustRegexMatch: {
    params: ["string", "string"],
    call: ([p, s]) => findAll(mustCompile(p as string).re, s as string, 1).length > 0,
  },
  regexFind: {
    params: ["string", "string"],
    call: ([p, s]) => findAll(mustCompile(p as string).re, s as string, 1)[0]?.[0] ?? "",
  },
  regexFindAll: {
    params: ["string", "string", "int"],
    call: ([p, s, n]) => {
      const found = findAll(mustCompile(p as string).re, s as string, Number(n)).map((m) => m[0]);
      return withGoType(found, "[]string");
    },
  },
  regexReplaceAll: {
    params: ["string", "string", "string"],
    call: ([p, s, r]) => replaceAll(p as string, s as string, r as string, false),
  },
  regexReplaceAllLiteral: {
    params: ["string", "string", "string"],
    call: ([p, s, r]) => replaceAll(p as string, s as string, r as string, true),
  },
  regexSplit: {
    params: ["string", "string", "int"],
    call: ([p, s, n]) => split(p as string, s as string, Number(n)),
  },
  regexQuoteMeta: {
    params: ["string"],
    call: ([s]) => (s as string).replace(/[\\.+*?()|[\]{}^$]/g, "\\$&"),
  },
};
