/** encoding/base32's StdEncoding, with Go's error offsets for corrupt input (Sprig's b32enc/b32dec). */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const PAD = 0x3d;

/** base32.StdEncoding.EncodeToString of the UTF-8 bytes. */
export function base32Encode(s: string): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of new TextEncoder().encode(s)) {
    value = ((value << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += "=";
  return out;
}

class Corrupt extends Error {
  constructor(readonly offset: number) {
    super(`illegal base32 data at input byte ${offset}`);
  }
}

/** One 8-character quantum: its 5-bit values and how many count (a padded quantum has fewer). */
function readQuantum(src: Uint8Array, at: number): { vals: number[]; next: number; end: boolean } {
  const vals: number[] = [];
  let i = at;
  while (vals.length < 8) {
    if (i >= src.length) throw new Corrupt(i - vals.length);
    const c = src[i++]!;
    const left = src.length - i;
    if (c === PAD && vals.length >= 2 && left < 8) {
      const j = vals.length;
      if (left + j < 7) throw new Corrupt(src.length);
      for (let k = 0; k < 7 - j; k++)
        if (left > k && src[i + k] !== PAD) throw new Corrupt(i + k - 1);
      if (j === 1 || j === 3 || j === 6) throw new Corrupt(i - 1);
      return { vals, next: src.length, end: true };
    }
    const v = ALPHABET.indexOf(String.fromCharCode(c));
    if (v < 0) throw new Corrupt(i - 1);
    vals.push(v);
  }
  return { vals, next: i, end: false };
}

/** The bytes of one quantum (dlen 8 → 5 bytes, 7 → 4, 5 → 3, 4 → 2, 2 → 1). */
function quantumBytes(d: number[]): number[] {
  const v = (k: number): number => d[k] ?? 0;
  const all = [
    (v(0) << 3) | (v(1) >> 2),
    ((v(1) << 6) | (v(2) << 1) | (v(3) >> 4)) & 0xff,
    ((v(3) << 4) | (v(4) >> 1)) & 0xff,
    ((v(4) << 7) | (v(5) << 2) | (v(6) >> 3)) & 0xff,
    ((v(6) << 5) | v(7)) & 0xff,
  ];
  const count = { 8: 5, 7: 4, 5: 3, 4: 2, 2: 1 }[d.length as 8 | 7 | 5 | 4 | 2] ?? 0;
  return all.slice(0, count).map((b) => b & 0xff);
}

/** base32.StdEncoding.DecodeString as text, or Go's error text (Sprig returns it as the result). */
export function base32Decode(s: string): string {
  const src = new TextEncoder().encode(s.replace(/[\r\n]/g, ""));
  const out: number[] = [];
  try {
    for (let i = 0, end = false; i < src.length && !end;) {
      const q = readQuantum(src, i);
      out.push(...quantumBytes(q.vals));
      i = q.next;
      end = q.end;
    }
  } catch (e) {
    if (e instanceof Corrupt) return e.message;
    throw e;
  }
  return new TextDecoder().decode(new Uint8Array(out));
}
