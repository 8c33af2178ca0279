/** Sprig's regex functions over Go RE2 semantics (see re2.ts). */
import { withGoType } from "../values.js";
import { RegexSyntaxError, compileRe2, expand, findAll } from "./re2.js";
import { FuncError, type FuncDef } from "./types.js";

type Compiled = ReturnType<typeof compileRe2>;

/**
 * regexp.MustCompile: a bad pattern panics in Go, which the template reports as an error
 * naming the pattern. The must* variants call regexp.Compile and return its error as is.
 */
function compileOrPanic(pattern: string): Compiled {
  try {
    return compileRe2(pattern);
  } catch (e) {
    if (e instanceof RegexSyntaxError)
      throw new FuncError(`regexp: Compile(${goBackquote(pattern)}): ${e.message}`);
    throw e;
  }
}

function compileOrError(pattern: string): Compiled {
  try {
    return compileRe2(pattern);
  } catch (e) {
    if (e instanceof RegexSyntaxError) throw new FuncError(e.message);
    throw e;
  }
}

function goBackquote(s: string): string {
  return s.includes("`") ? JSON.stringify(s) : "`" + s + "`";
}

function replaceAll(compiled: Compiled, s: string, repl: string, literal: boolean): string {
  const { re, groupNames } = compiled;
  let out = "";
  let last = 0;
  for (const m of findAll(re, s, -1)) {
    out += s.slice(last, m.index) + (literal ? repl : expand(repl, m, groupNames));
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}

function split(compiled: Compiled, pattern: string, s: string, n: number): string[] {
  if (n === 0) return withGoType([], "[]string");
  const { re } = compiled;
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

/** regexFind, regexReplaceAll and friends, compiling with `compile`. */
function regexFunctions(compile: (pattern: string) => Compiled): Record<string, FuncDef> {
  return {
    find: {
      params: ["string", "string"],
      call: ([p, s]) => findAll(compile(p as string).re, s as string, 1)[0]?.[0] ?? "",
    },
    findAll: {
      params: ["string", "string", "int"],
      call: ([p, s, n]) => {
        const found = findAll(compile(p as string).re, s as string, Number(n)).map((m) => m[0]);
        return withGoType(found, "[]string");
      },
    },
    replaceAll: {
      params: ["string", "string", "string"],
      call: ([p, s, r]) => replaceAll(compile(p as string), s as string, r as string, false),
    },
    replaceAllLiteral: {
      params: ["string", "string", "string"],
      call: ([p, s, r]) => replaceAll(compile(p as string), s as string, r as string, true),
    },
    split: {
      params: ["string", "string", "int"],
      call: ([p, s, n]) => {
        // Go compiles before looking at n, so a bad pattern fails even for n = 0.
        const compiled = compile(p as string);
        return split(compiled, p as string, s as string, Number(n));
      },
    },
  };
}

const panicking = regexFunctions(compileOrPanic);
const erroring = regexFunctions(compileOrError);

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
    call: ([p, s]) => findAll(compileOrError(p as string).re, s as string, 1).length > 0,
  },
  regexFind: panicking.find!,
  mustRegexFind: erroring.find!,
  regexFindAll: panicking.findAll!,
  mustRegexFindAll: erroring.findAll!,
  regexReplaceAll: panicking.replaceAll!,
  mustRegexReplaceAll: erroring.replaceAll!,
  regexReplaceAllLiteral: panicking.replaceAllLiteral!,
  mustRegexReplaceAllLiteral: erroring.replaceAllLiteral!,
  regexSplit: panicking.split!,
  mustRegexSplit: erroring.split!,
  regexQuoteMeta: {
    params: ["string"],
    call: ([s]) => (s as string).replace(/[\\.+*?()|[\]{}^$]/g, "\\$&"),
  },
};
