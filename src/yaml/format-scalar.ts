/**
 * Scalar formatting for the emitter. A string is written plain only when every YAML 1.1 and
 * 1.2 parser reads it back as the same string; otherwise it is double-quoted (or, for
 * multi-line text, written as a literal block by the caller). The rules are deliberately
 * conservative: quoting a string that did not need it costs two characters, while a plain
 * `on` that a YAML 1.1 parser turns into `true` breaks a deployment.
 */

/** Words that some YAML 1.1 or 1.2 schema resolves to a boolean or null (compared lower-cased). */
const RESERVED_WORDS = new Set(["y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"]);

/** What a string's first character may start, by ASCII code: a bit set of the flags below. */
const FIRST_CHAR = new Uint8Array(128);
/** An indicator or whitespace, which a plain scalar cannot start with. */
const INDICATOR = 1;
/** The first letter of a reserved word, so most strings skip the lower-casing. */
const RESERVED = 2;
/**
 * What may begin something a resolver reads as a number or timestamp (`yaml`'s YAML 1.1
 * schema reads `e1` as 10, so `e` belongs here).
 */
const NUMERIC = 4;

for (const [chars, flag] of [
  ["-?:,[]{}#&*!|>'\"%@` \t", INDICATOR],
  ["ynotfYNOTF~", RESERVED],
  ["0123456789+-.eE", NUMERIC],
] as const) {
  for (const c of chars) FIRST_CHAR[c.charCodeAt(0)]! |= flag;
}

/**
 * Shapes that YAML 1.1 or 1.2 resolves to numbers or timestamps, written broadly (`1.2.3`,
 * `1e`, `8080:80` are quoted too) because the 1.1 spec's own regexes are looser than any
 * single parser's.
 */
const NUMERIC_SHAPES = [
  /^[-+]?[0-9_.]*(?:[eE][-+]?[0-9_]*)?$/, // 12, 012, 1_000, .5, 1e3, e1, 1.2.3, `.`
  /^[-+]?0[xX][0-9a-fA-F_]*$/, // 0x1F
  /^[-+]?0[oO][0-7_]*$/, // 0o17 (YAML 1.2)
  /^[-+]?0[bB][01_]*$/, // 0b101 (YAML 1.1)
  /^[-+]?[0-9][0-9_]*(?::[0-9_]*)+(?:\.[0-9_]*)?$/, // sexagesimal 1:20, 190:20:30.15
  /^[-+]?\.(?:inf|nan)$/i, // .inf, -.Inf, .NaN
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/, // timestamps 2001-12-14, 2001-12-14T21:59:43Z
];

/** Lone UTF-16 surrogates cannot be written as UTF-8; they are escaped. */
const LONE_SURROGATE =
  "[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]";

/** Characters a literal block cannot carry (tab and LF are fine there; CR is not). */
const LITERAL_UNSAFE = new RegExp(
  `[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ufeff\\ufffe\\uffff]|${LONE_SURROGATE}`,
);

/** Characters that need an escape inside double quotes. */
const NEEDS_ESCAPE = new RegExp(
  `["\\\\\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ufeff\\ufffe\\uffff]|${LONE_SURROGATE}`,
  "g",
);

const NAMED_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\0": "\\0",
  "\x07": "\\a",
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\v": "\\v",
  "\f": "\\f",
  "\r": "\\r",
  "\x1b": "\\e",
  "\x85": "\\N",
  "\u2028": "\\L",
  "\u2029": "\\P",
};

/** True when `s` can be written as a plain scalar and read back as the same string. */
export function isPlainSafe(s: string): boolean {
  const len = s.length;
  if (len === 0) return false;
  const first = s.charCodeAt(0);
  const kind = first < 128 ? FIRST_CHAR[first]! : 0;
  // `-x` is plain in both versions (CLI flags are common); `- x`, `-` and `---` are not.
  if (kind & INDICATOR) {
    if (first !== 45 || len < 2 || s.charCodeAt(1) === 32 || s.startsWith("---")) return false;
  }
  const last = s.charCodeAt(len - 1);
  if (last === 32 || last === 58) return false; // trailing space or `:`
  if (hasPlainUnsafeChar(s)) return false;
  if (len <= 5 && kind & RESERVED && RESERVED_WORDS.has(s.toLowerCase())) return false;
  if (kind & NUMERIC && NUMERIC_SHAPES.some((re) => re.test(s))) return false;
  return s !== "<<" && s !== "=" && !s.startsWith("...");
}

/**
 * Whether `s` contains what a plain scalar cannot: C0/C1 controls (tab and line breaks
 * included), DEL, the YAML 1.1 line breaks NEL/LS/PS, BOM, non-characters, lone surrogates,
 * or the `: ` / ` #` sequences that end a plain scalar. One pass over char codes: this runs
 * for every string of every object, and a loop is several times faster than a regex here.
 */
function hasPlainUnsafeChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Printable ASCII from `$` on, but for `:`: letters, digits, `-./_` and most punctuation.
    // Nearly every character is one of these, so they skip the checks below.
    if (c >= 0x24 && c < 0x7f && c !== 0x3a) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) return true;
    if (c === 0x3a /* : */ && s.charCodeAt(i + 1) === 0x20) return true;
    if (c === 0x23 /* # */ && i > 0 && s.charCodeAt(i - 1) === 0x20) return true;
    if (c >= 0xd800) {
      if (c === 0xfeff || c === 0xfffe || c === 0xffff) return true;
      if (c > 0xdfff) continue;
      const low = s.charCodeAt(i + 1);
      if (c > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) return true; // lone surrogate
      i++;
    }
  }
  return false;
}

/** Writes `s` as a double-quoted scalar on one line, escaping what YAML requires. */
export function doubleQuoted(s: string): string {
  return `"${s.replace(NEEDS_ESCAPE, escapeChar)}"`;
}

function escapeChar(c: string): string {
  const named = NAMED_ESCAPES[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  const hex = code.toString(16).toUpperCase();
  return code < 0x100 ? `\\x${hex.padStart(2, "0")}` : `\\u${hex.padStart(4, "0")}`;
}

/** A string on one line: plain when safe, else double-quoted. */
export function inlineString(s: string): string {
  return isPlainSafe(s) ? s : doubleQuoted(s);
}

/**
 * The header of a literal block (`|`, `|-`, `|+`, with an indentation indicator when needed),
 * or undefined when a literal block cannot represent `s` exactly and it must be quoted.
 */
export function literalHeader(s: string): string | undefined {
  if (!s.includes("\n") || LITERAL_UNSAFE.test(s) || /^[\n ]*$/.test(s)) return undefined;
  if (endsWithBlankLineOfSpaces(s)) return undefined;
  // Auto-detected indentation comes from the first non-empty line; if the text's leading
  // lines start with spaces, the parser would take those spaces as indentation.
  const indicator = /^\n* /.test(s) ? "2" : "";
  const chomp = !s.endsWith("\n") ? "-" : s.endsWith("\n\n") ? "+" : "";
  return `|${indicator}${chomp}`;
}

/**
 * Whether whitespace-only lines with spaces follow the last content line. Parsers disagree on
 * whether such lines are content or trailing blank lines (`yaml` drops them, js-yaml keeps
 * them), so such text is double-quoted. Spaces at the end of a content line are fine.
 */
function endsWithBlankLineOfSpaces(s: string): boolean {
  // A backward scan over the trailing spaces and line breaks: `/[ \n]*$/` retries from every
  // space of the text, which is quadratic in indented text and showed up in profiles.
  let sawSpace = false;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c === 32) sawSpace = true;
    else if (c !== 10) return false;
    else if (sawSpace) return true; // a space after a line break, both in the tail
  }
  return false;
}

/** The body lines of a literal block for `s`, each indented by `indent`. */
export function literalBody(s: string, indent: string): string {
  const text = s.endsWith("\n") ? s.slice(0, -1) : s;
  let out = "";
  for (const line of text.split("\n")) out += line === "" ? "\n" : `${indent}${line}\n`;
  return out;
}

/**
 * A number as YAML: integers as is, other values in JavaScript's shortest round-trip form.
 * Exponent forms get a fraction (`1.0e+21`) because YAML 1.1 floats require a dot.
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`emitYaml: ${n} has no YAML representation`);
  if (Object.is(n, -0)) return "-0";
  const s = String(n);
  return s.includes("e") && !s.includes(".") ? s.replace("e", ".0e") : s;
}
