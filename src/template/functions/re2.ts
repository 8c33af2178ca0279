/**
 * Go RE2 regular expressions on JavaScript's engine: a translator that maps RE2 syntax to an
 * equivalent JS pattern and rejects what RE2 does not have (backreferences, lookaround), plus
 * Go's match-iteration rules (empty matches next to a previous match are skipped) and
 * Go's `$name` / `${name}` replacement expansion.
 */

export class RegexSyntaxError extends Error {}

const POSIX: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

function hexEscape(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return cp <= 0xff ? "\\x" + cp.toString(16).padStart(2, "0") : "\\u{" + cp.toString(16) + "}";
}

function unicodeClass(name: string, negate: boolean): string {
  const n = name.startsWith("^") ? name.slice(1) : name;
  const neg = negate !== name.startsWith("^");
  const prop = n.length <= 2 || n === "Any" ? (n === "Any" ? "Any" : n) : `Script=${n}`;
  return (neg ? "\\P{" : "\\p{") + prop + "}";
}

interface Translated {
  source: string;
  flags: string;
  groupNames: string[];
}

/** Translates an escape at pattern[i] (the backslash); returns JS text and the next index. */
function translateEscape(p: string, i: number, inClass: boolean): [string, number] {
  const c = p[i + 1];
  if (c === undefined) throw new RegexSyntaxError("trailing backslash at end of expression: ``");
  switch (c) {
    case "d":
    case "D":
    case "w":
    case "W":
      return ["\\" + c, i + 2];
    case "b":
    case "B":
      if (inClass) throw new RegexSyntaxError(`invalid escape sequence: \`\\${c}\``);
      return ["\\" + c, i + 2];
    case "s":
      return [inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]", i + 2];
    case "S":
      if (inClass)
        throw new RegexSyntaxError("negated \\S inside a character class is not supported");
      return ["[^\\t\\n\\f\\r ]", i + 2];
    case "A":
      return ["(?<![\\s\\S])", i + 2];
    case "z":
      return ["(?![\\s\\S])", i + 2];
    case "n":
    case "t":
    case "r":
    case "f":
    case "v":
      return ["\\" + c, i + 2];
    case "a":
      return ["\\x07", i + 2];
    case "x": {
      if (p[i + 2] === "{") {
        const end = p.indexOf("}", i + 3);
        if (end < 0) throw new RegexSyntaxError(`invalid escape sequence: \`${p.slice(i)}\``);
        return ["\\u{" + p.slice(i + 3, end) + "}", end + 1];
      }
      return ["\\x" + p.slice(i + 2, i + 4), i + 4];
    }
    case "p":
    case "P": {
      if (p[i + 2] === "{") {
        const end = p.indexOf("}", i + 3);
        if (end < 0) throw new RegexSyntaxError(`invalid character class range: \`${p.slice(i)}\``);
        return [unicodeClass(p.slice(i + 3, end), c === "P"), end + 1];
      }
      return [unicodeClass(p[i + 2] ?? "", c === "P"), i + 3];
    }
    case "Q": {
      const end = p.indexOf("\\E", i + 2);
      const lit = end < 0 ? p.slice(i + 2) : p.slice(i + 2, end);
      return [[...lit].map(hexEscape).join(""), end < 0 ? p.length : end + 2];
    }
  }
  if (/[0-9]/.test(c)) throw new RegexSyntaxError(`invalid escape sequence: \`\\${c}\``);
  if (/[A-Za-z]/.test(c)) throw new RegexSyntaxError(`invalid escape sequence: \`\\${c}\``);
  const cp = c.codePointAt(0) ?? 0;
  if (cp >= 0x80) throw new RegexSyntaxError(`invalid escape sequence: \`\\${c}\``);
  return [hexEscape(c), i + 2];
}

function translateClass(p: string, i: number): [string, number] {
  let out = "[";
  let j = i + 1;
  if (p[j] === "^") {
    out += "^";
    j++;
  }
  let first = true;
  while (j < p.length) {
    const c = p[j]!;
    if (c === "]" && !first) return [out + "]", j + 1];
    first = false;
    if (c === "[" && p[j + 1] === ":") {
      const end = p.indexOf(":]", j + 2);
      if (end > 0) {
        let name = p.slice(j + 2, end);
        const neg = name.startsWith("^");
        if (neg) name = name.slice(1);
        const r = POSIX[name];
        if (r === undefined)
          throw new RegexSyntaxError(`invalid character class range: \`${p.slice(j, end + 2)}\``);
        if (neg) throw new RegexSyntaxError("negated POSIX classes are not supported");
        out += r;
        j = end + 2;
        continue;
      }
    }
    if (c === "\\") {
      const [t, next] = translateEscape(p, j, true);
      out += t;
      j = next;
      continue;
    }
    const ch = String.fromCodePoint(p.codePointAt(j) ?? 0);
    out +=
      ch === "-" || /[A-Za-z0-9]/.test(ch) || ch.length > 1 || (ch.codePointAt(0) ?? 0) > 0x7f
        ? ch
        : hexEscape(ch);
    j += ch.length;
  }
  throw new RegexSyntaxError(`missing closing ]: \`${p.slice(i)}\``);
}

/**
 * What precedes the current position, for Go's repetition errors: nothing to repeat (start of
 * the pattern or of a group, after `|`), an atom, or a repetition operator (its text).
 */
type Prev = { kind: "none" } | { kind: "atom" } | { kind: "repeat"; op: string };

/** A repetition operator at p[i] (`*`, `+`, `?`, `{n,m}` with an optional lazy `?`), or null. */
function repeatOp(p: string, i: number): string | null {
  let op: string;
  const c = p[i]!;
  if (c === "*" || c === "+" || c === "?") op = c;
  else {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
    if (m === null) return null;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === "" ? -1 : Number(m[3]);
    if (min > 1000 || max > 1000 || (max >= 0 && min > max))
      throw new RegexSyntaxError(`invalid repeat count: \`${m[0]}\``);
    op = m[0];
  }
  return p[i + op.length] === "?" ? op + "?" : op;
}

/** Translates a Go RE2 pattern into a JavaScript RegExp source and flags. */
export function translateRe2(p: string): Translated {
  let flags = "";
  let out = "";
  const groupNames: string[] = [];
  let i = 0;
  let depth = 0;
  let prev: Prev = { kind: "none" };
  const lead = /^\(\?([imsU]+)\)/.exec(p);
  if (lead !== null) {
    if (lead[1]!.includes("U")) throw new RegexSyntaxError("the (?U) flag is not supported");
    flags = lead[1]!;
    i = lead[0].length;
  }
  while (i < p.length) {
    const c = p[i]!;
    const op = repeatOp(p, i);
    if (op !== null) {
      if (prev.kind === "none")
        throw new RegexSyntaxError(`missing argument to repetition operator: \`${op}\``);
      if (prev.kind === "repeat")
        throw new RegexSyntaxError(`invalid nested repetition operator: \`${prev.op + op}\``);
      out += op;
      i += op.length;
      prev = { kind: "repeat", op };
      continue;
    }
    prev = c === "(" || c === "|" ? { kind: "none" } : { kind: "atom" };
    if (c === "\\") {
      const [t, next] = translateEscape(p, i, false);
      out += t;
      i = next;
    } else if (c === "[") {
      const [t, next] = translateClass(p, i);
      out += t;
      i = next;
    } else if (c === "(") {
      depth++;
      const [t, next] = translateGroupOpen(p, i, groupNames);
      out += t;
      i = next;
    } else if (c === ")") {
      if (--depth < 0) throw new RegexSyntaxError(`unexpected ): \`${p}\``);
      out += ")";
      i++;
    } else if (c === "{" || c === "}") {
      out += "\\" + c;
      i++;
    } else {
      const ch = String.fromCodePoint(p.codePointAt(i) ?? 0);
      out += ch;
      i += ch.length;
    }
  }
  if (depth > 0) throw new RegexSyntaxError(`missing closing ): \`${p}\``);
  return { source: out, flags, groupNames };
}

/** A group opening: `(`, `(?:`, or a named group `(?P<name>` / `(?<name>`. */
function translateGroupOpen(p: string, i: number, groupNames: string[]): [string, number] {
  if (p[i + 1] !== "?") {
    groupNames.push("");
    return ["(", i + 1];
  }
  if (p.startsWith("(?P<", i) || (p.startsWith("(?<", i) && !/^\(\?<[=!]/.test(p.slice(i)))) {
    const start = p.indexOf("<", i) + 1;
    const end = p.indexOf(">", start);
    if (end < 0) throw new RegexSyntaxError(`invalid named capture: \`${p.slice(i)}\``);
    const name = p.slice(start, end);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new RegexSyntaxError(`invalid named capture: \`${p.slice(i, end + 1)}\``);
    groupNames.push(name);
    return [`(?<${name}>`, end + 1];
  }
  if (p.startsWith("(?:", i)) return ["(?:", i + 3];
  const m = /^\(\?[^)]*\)?/.exec(p.slice(i));
  throw new RegexSyntaxError(
    `invalid or unsupported Perl syntax: \`${(m?.[0] ?? "(?").slice(0, 3)}\``,
  );
}

const cache = new Map<string, { re: RegExp; groupNames: string[] } | RegexSyntaxError>();

/** Compiles a Go regular expression (cached); throws RegexSyntaxError with Go-like text. */
export function compileRe2(pattern: string): { re: RegExp; groupNames: string[] } {
  let hit = cache.get(pattern);
  if (hit === undefined) {
    try {
      const t = translateRe2(pattern);
      hit = { re: new RegExp(t.source, "gu" + t.flags), groupNames: t.groupNames };
    } catch (e) {
      const reason =
        e instanceof RegexSyntaxError ? e.message : `invalid expression: \`${pattern}\``;
      hit = new RegexSyntaxError(`error parsing regexp: ${reason}`);
    }
    if (cache.size > 500) cache.clear();
    cache.set(pattern, hit);
  }
  if (hit instanceof RegexSyntaxError) throw hit;
  return hit;
}

/** All matches in Go's order, skipping empty matches that abut the previous match; n < 0 = all. */
export function findAll(re: RegExp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  if (n === 0) return out;
  re.lastIndex = 0;
  let prevEnd = -1;
  while (n < 0 || out.length < n) {
    const m = re.exec(s);
    if (m === null) break;
    const end = m.index + m[0].length;
    if (m[0].length === 0) {
      re.lastIndex = m.index + (String.fromCodePoint(s.codePointAt(m.index) ?? 0).length || 1);
      if (m.index === prevEnd) continue;
    }
    out.push(m);
    prevEnd = end;
    if (m.index >= s.length && m[0].length === 0) break;
  }
  return out;
}

/** Go's Regexp.Expand for ReplaceAllString templates ($1, ${1}, $name, $$). */
export function expand(
  template: string,
  m: RegExpExecArray,
  groupNames: readonly string[],
): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const d = template.indexOf("$", i);
    if (d < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, d);
    const rest = template.slice(d + 1);
    if (rest.startsWith("$")) {
      out += "$";
      i = d + 2;
      continue;
    }
    const braced = /^\{([A-Za-z0-9_]+)\}/.exec(rest);
    const bare = /^[A-Za-z0-9_]+/.exec(rest);
    const name = braced?.[1] ?? bare?.[0];
    if (name === undefined) {
      out += "$";
      i = d + 1;
      continue;
    }
    i = d + 1 + (braced?.[0].length ?? name.length);
    if (/^[0-9]+$/.test(name)) {
      const k = Number(name);
      out += k < m.length ? (m[k] ?? "") : "";
    } else {
      const k = groupNames.indexOf(name);
      out += k >= 0 ? (m[k + 1] ?? "") : "";
    }
  }
  return out;
}
