/**
 * Masterminds/goutils functions behind Sprig's wrap, wrapWith, abbrev, abbrevboth, swapcase,
 * initials and nospace. Several of them index bytes, not runes, so non-ASCII text comes out
 * the way Go's does (DeleteWhiteSpace re-encodes each byte of a string it changes as a rune).
 */
import {
  codePoints,
  fromCodePoints,
  fromUtf8Bytes,
  isGoSpace,
  isLower,
  isTitle,
  isUpper,
  toLower,
  toUpper,
  utf8Bytes,
} from "./go-unicode.js";

/** WordUtils.WrapCustom: breaks at the last space within each `width` bytes. */
export function wrapCustom(str: string, width: number, newLine: string, wrapLong: boolean): string {
  if (str === "") return "";
  const nl = newLine === "" ? "\n" : utf8Bytes(newLine);
  const w = Math.max(width, 1);
  const b = utf8Bytes(str);
  let offset = 0;
  let out = "";
  while (b.length - offset > w) {
    if (b[offset] === " ") {
      offset++;
      continue;
    }
    const space = b.slice(offset, w + offset + 1).lastIndexOf(" ") + offset;
    if (space >= offset) {
      out += b.slice(offset, space) + nl;
      offset = space + 1;
    } else if (wrapLong) {
      out += b.slice(offset, w + offset) + nl;
      offset += w;
    } else {
      // A word longer than the width runs on to the next space.
      const next = b.indexOf(" ", w + offset);
      if (next === -1) {
        out += b.slice(offset);
        offset = b.length;
      } else {
        out += b.slice(offset, next) + nl;
        offset = next + 1;
      }
    }
  }
  return fromUtf8Bytes(out + b.slice(offset));
}

/** StringUtils.AbbreviateFull on bytes; "" where goutils returns an error (Sprig drops it). */
export function abbreviateFull(str: string, offset: number, maxWidth: number): string {
  return fromUtf8Bytes(abbreviateBytes(utf8Bytes(str), offset, maxWidth));
}

function abbreviateBytes(b: string, offset: number, maxWidth: number): string {
  if (b === "" || maxWidth < 4) return "";
  if (b.length <= maxWidth) return b;
  let off = Math.min(offset, b.length);
  if (b.length - off < maxWidth - 3) off = b.length - (maxWidth - 3);
  if (off <= 4) return b.slice(0, maxWidth - 3) + "...";
  if (maxWidth < 7) return "";
  if (off + maxWidth - 3 < b.length) return "..." + abbreviateBytes(b.slice(off), 0, maxWidth - 3);
  return "..." + b.slice(b.length - (maxWidth - 3));
}

/**
 * WordUtils.SwapCase. goutils title-cases a lower-case letter after whitespace and upper-cases
 * the others; for one-rune mappings title and upper case agree, so both are upper case here.
 */
export function swapCase(str: string): string {
  const out = codePoints(str).map((cp) => {
    if (isUpper(cp) || isTitle(cp)) return toLower(cp);
    if (isLower(cp)) return toUpper(cp);
    return cp;
  });
  return fromCodePoints(out);
}

/** WordUtils.Initials: the first byte after each run of whitespace bytes, written as a rune. */
export function initials(str: string): string {
  let out = "";
  let gap = true;
  for (const ch of utf8Bytes(str)) {
    if (isGoSpace(ch.charCodeAt(0))) gap = true;
    else if (gap) {
      out += ch;
      gap = false;
    }
  }
  return out;
}

/** StringUtils.DeleteWhiteSpace: drops whitespace bytes; an unchanged string is returned as is. */
export function deleteWhiteSpace(str: string): string {
  const bytes = utf8Bytes(str);
  let out = "";
  for (const ch of bytes) if (!isGoSpace(ch.charCodeAt(0))) out += ch;
  return out.length === bytes.length ? str : out;
}
