/**
 * huandu/xstrings' ToSnakeCase, ToKebabCase and ToCamelCase (Sprig's snakecase, kebabcase and
 * camelcase), ported rune for rune: word splitting has many corner cases ("HTTPServer",
 * "Bld4Floor3rd") that templates may depend on.
 */
import {
  codePoints,
  fromCodePoints,
  isGoSpace,
  isLetter,
  isNumber,
  isPunct,
  isUpper,
  toLower,
  toUpper,
} from "./go-unicode.js";

type WordType = "invalid" | "number" | "upper" | "alphabet" | "connector" | "punct" | "other";

/** Go's DecodeRuneInString reports U+FFFD as an invalid rune, and xstrings skips those. */
const RUNE_ERROR = 0xfffd;

const isConnector = (cp: number): boolean => cp === 0x2d || cp === 0x5f || isGoSpace(cp);

/** xstrings' isAlphabet: letters, except CJK ideographs. */
function isAlphabet(cp: number): boolean {
  if (!isLetter(cp)) return false;
  if (cp < 0x3400) return true;
  if (cp >= 0x4e00 && cp <= 0x9fcc) return false;
  if (cp >= 0x3400 && cp <= 0x4d85) return false;
  if (cp >= 0x20000 && cp <= 0x2b81d) return false;
  return true;
}

/** nextValidRune: the next rune that is not U+FFFD, and how many runes were consumed. */
function nextValidRune(cps: readonly number[], at: number, prev: number): [number, number] {
  let size = 0;
  for (let i = at; i < cps.length; i++) {
    size++;
    if (cps[i] !== RUNE_ERROR) return [cps[i]!, size];
  }
  return [prev, size];
}

/** Consumes runes from `at` while `keep` holds; returns the end index. */
function scan(cps: readonly number[], at: number, prev: number, keep: (r: number) => boolean) {
  let end = at;
  let r = prev;
  while (end < cps.length) {
    const [next, size] = nextValidRune(cps, end, r);
    r = next;
    if (!keep(r)) break;
    end += size;
  }
  return { end, r };
}

/** xstrings' nextWord: the type of the word starting at `at`, and where it ends. */
function nextWord(cps: readonly number[], at: number): [WordType, number] {
  if (at >= cps.length) return ["invalid", at];
  const [r, size] = nextValidRune(cps, at, RUNE_ERROR);
  const start = at + size;
  if (r === RUNE_ERROR) return ["invalid", start];
  if (isConnector(r)) return ["connector", scan(cps, start, r, isConnector).end];
  if (isPunct(r)) return ["punct", scan(cps, start, r, isPunct).end];
  if (isUpper(r)) return ["upper", upperWordEnd(cps, start, r)];
  const lowerRun = (x: number): boolean => isAlphabet(x) && !isUpper(x);
  if (isAlphabet(r)) return ["alphabet", scan(cps, start, r, lowerRun).end];
  if (isNumber(r)) return ["number", scan(cps, start, r, isNumber).end];
  const other = (x: number): boolean =>
    !(isConnector(x) || isAlphabet(x) || isNumber(x) || isPunct(x));
  return ["other", scan(cps, start, r, other).end];
}

/** An upper-case word: "Hello", or "HTTP" out of "HTTPStatus" (the S starts the next word). */
function upperWordEnd(cps: readonly number[], start: number, first: number): number {
  if (start >= cps.length) return start;
  const [r, size] = nextValidRune(cps, start, first);
  if (isUpper(r)) {
    let prevSize = size;
    let end = start + size;
    let last = r;
    while (end < cps.length) {
      const [next, sz] = nextValidRune(cps, end, last);
      last = next;
      if (!isUpper(next)) break;
      prevSize = sz;
      end += sz;
    }
    return end < cps.length && isAlphabet(last) ? end - prevSize : end;
  }
  if (isAlphabet(r)) return scan(cps, start + size, r, (x) => isAlphabet(x) && !isUpper(x)).end;
  return start;
}

function lowerWord(wt: WordType, word: readonly number[], connector: number): string {
  if (wt !== "upper" && wt !== "connector") return fromCodePoints(word);
  return fromCodePoints(
    word.map((r) => (isConnector(r) ? connector : isUpper(r) ? toLower(r) : r)),
  );
}

/** xstrings' camelCaseToLowerCase, the shared body of ToSnakeCase and ToKebabCase. */
function camelCaseToLowerCase(s: string, connectorChar: string): string {
  if (s === "") return "";
  const connector = connectorChar.codePointAt(0)!;
  const cps = codePoints(s);
  let pos = 0;
  const next = (): [WordType, number[]] => {
    const [type, end] = nextWord(cps, pos);
    const w = cps.slice(pos, end);
    pos = end;
    return [type, w];
  };
  const joinable = (t: WordType): boolean => t !== "connector" && t !== "punct";
  let out = "";
  let [wt, word] = next();
  while (pos < cps.length) {
    if (wt !== "connector") out += lowerWord(wt, word, connector);
    const prev = wt;
    const last = word;
    [wt, word] = next();
    if (prev === "number") {
      while (wt === "alphabet" || wt === "number") {
        out += lowerWord(wt, word, connector);
        [wt, word] = next();
      }
      if (wt !== "invalid" && joinable(wt)) out += connectorChar;
    } else if (prev === "connector") {
      out += lowerWord(prev, last, connector);
    } else if (prev !== "punct") {
      if (wt !== "number") {
        if (joinable(wt)) out += connectorChar;
        continue;
      }
      if (pos >= cps.length) continue;
      const digits = word;
      [wt, word] = next();
      // A number between two words belongs to the first ("Bld4Floor" → "bld4_floor") unless
      // letters follow it directly ("HTTP2xx" → "http_2xx").
      if (wt !== "alphabet") {
        out += lowerWord("number", digits, connector);
        if (joinable(wt)) out += connectorChar;
        continue;
      }
      out += connectorChar + lowerWord("number", digits, connector);
      while (wt === "alphabet" || wt === "number") {
        out += lowerWord(wt, word, connector);
        [wt, word] = next();
      }
      if (wt !== "invalid" && joinable(wt)) out += connectorChar;
    }
  }
  return out + lowerWord(wt, word, connector);
}

/** xstrings.ToSnakeCase. */
export function toSnakeCase(s: string): string {
  return camelCaseToLowerCase(s, "_");
}

/** xstrings.ToKebabCase. */
export function toKebabCase(s: string): string {
  return camelCaseToLowerCase(s, "-");
}

/** xstrings.ToCamelCase: connectors dropped, the rune after one upper-cased, the rest lower-cased. */
export function toCamelCase(s: string): string {
  if (s === "") return "";
  const cps = codePoints(s);
  let out = "";
  let i = 0;
  let r0 = 0;
  // Leading connectors stay in the output.
  for (; i < cps.length;) {
    r0 = cps[i++]!;
    if (!isConnector(r0)) {
      r0 = toUpper(r0);
      break;
    }
    out += String.fromCodePoint(r0);
  }
  // Go writes the last rune again here, so "__" becomes "___".
  if (i >= cps.length) return out + String.fromCodePoint(r0);
  while (i < cps.length) {
    const r1 = r0;
    r0 = cps[i++]!;
    if (isConnector(r0) && isConnector(r1)) {
      out += String.fromCodePoint(r1);
      continue;
    }
    if (isConnector(r1)) r0 = toUpper(r0);
    else {
      r0 = toLower(r0);
      out += String.fromCodePoint(r1);
    }
  }
  return out + String.fromCodePoint(r0);
}
