/** Go's unicode package predicates and single-rune case mappings, on code points. */

/** unicode.IsSpace: the Latin-1 spaces, then the White_Space property. */
export function isGoSpace(cp: number): boolean {
  if (cp < 0x100) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0x85 || cp === 0xa0;
  return /\p{White_Space}/u.test(String.fromCodePoint(cp));
}

const test = (re: RegExp) => (cp: number) => re.test(String.fromCodePoint(cp));

/** unicode.IsUpper (category Lu). */
export const isUpper = test(/\p{Lu}/u);
/** unicode.IsLower (category Ll). */
export const isLower = test(/\p{Ll}/u);
/** unicode.IsTitle (category Lt). */
export const isTitle = test(/\p{Lt}/u);
/** unicode.IsLetter (category L). */
export const isLetter = test(/\p{L}/u);
/** unicode.IsNumber (category N). */
export const isNumber = test(/\p{N}/u);
/** unicode.IsPunct (category P). */
export const isPunct = test(/\p{P}/u);

/** A one-rune case mapping; JavaScript's multi-rune mappings (ß → SS) leave the rune as is, as Go does. */
function single(cp: number, mapped: string): number {
  const out = mapped.codePointAt(0) ?? cp;
  return mapped.length === String.fromCodePoint(out).length ? out : cp;
}

/** unicode.ToUpper for one rune. */
export const toUpper = (cp: number): number => single(cp, String.fromCodePoint(cp).toUpperCase());
/** unicode.ToLower for one rune. */
export const toLower = (cp: number): number => single(cp, String.fromCodePoint(cp).toLowerCase());

/** The code points of a string. */
export function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0) ?? 0);
  return out;
}

/** A string of code points. */
export function fromCodePoints(cps: readonly number[]): string {
  let out = "";
  for (const cp of cps) out += String.fromCodePoint(cp);
  return out;
}

/** A string's UTF-8 bytes as a "binary" string (one char per byte), for Go code that indexes bytes. */
export function utf8Bytes(s: string): string {
  return Buffer.from(s, "utf8").toString("latin1");
}

/** The inverse of utf8Bytes (a cut inside a rune decodes to U+FFFD). */
export function fromUtf8Bytes(b: string): string {
  return Buffer.from(b, "latin1").toString("utf8");
}
