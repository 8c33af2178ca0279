/**
 * encoding/json's checkValid: the first syntax error in a JSON text, worded as Go's scanner
 * words it ("invalid character 'x' looking for beginning of value"), for mustFromJson.
 */
import { goQuote } from "../format/quote.js";

/** A byte as Go's quoteChar prints it in scanner errors. */
function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return "'\"'";
  const q = goQuote(String.fromCharCode(c));
  return "'" + q.slice(1, -1) + "'";
}

class Syntax extends Error {}

/** Scanner contexts in which a space is itself invalid. */
const SPACE_FAILS = [
  "in literal",
  "in numeric",
  "after decimal",
  "in exponent",
  "in string escape",
  "in \\u",
];

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean =>
  isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** A recursive-descent reading of the scanner's state machine over UTF-8 bytes. */
class Scanner {
  i = 0;
  depth = 0;

  constructor(readonly b: Uint8Array) {}

  /** The next byte, or -1 at the end. */
  peek(): number {
    return this.i < this.b.length ? this.b[this.i]! : -1;
  }

  /**
   * Go's scanner feeds a space at the end of input: where a space is an error too (inside a
   * literal, number or escape) the message names ' ', elsewhere the input ended too early.
   */
  fail(context: string): never {
    const c = this.peek();
    if (c >= 0) throw new Syntax(`invalid character ${quoteChar(c)} ${context}`);
    if (SPACE_FAILS.some((prefix) => context.startsWith(prefix)))
      throw new Syntax(`invalid character ' ' ${context}`);
    throw new Syntax("unexpected end of JSON input");
  }

  skipSpace(): void {
    while (this.i < this.b.length && isSpace(this.b[this.i]!)) this.i++;
  }

  value(): void {
    this.skipSpace();
    const c = this.peek();
    if (c === 0x7b) return this.nested(() => this.object());
    if (c === 0x5b) return this.nested(() => this.array());
    if (c === 0x22) return this.string();
    if (c === 0x2d || isDigit(c)) return this.number();
    if (c === 0x74) return this.literal("true");
    if (c === 0x66) return this.literal("false");
    if (c === 0x6e) return this.literal("null");
    this.fail("looking for beginning of value");
  }

  nested(body: () => void): void {
    if (++this.depth > 10000) throw new Syntax("exceeded max depth");
    this.i++;
    body();
    this.depth--;
  }

  object(): void {
    this.skipSpace();
    if (this.peek() === 0x7d) return void this.i++;
    for (;;) {
      this.skipSpace();
      if (this.peek() !== 0x22) this.fail("looking for beginning of object key string");
      this.string();
      this.skipSpace();
      if (this.peek() !== 0x3a) this.fail("after object key");
      this.i++;
      this.value();
      this.skipSpace();
      const c = this.peek();
      this.i++;
      if (c === 0x7d) return;
      if (c !== 0x2c) {
        this.i--;
        this.fail("after object key:value pair");
      }
    }
  }

  array(): void {
    this.skipSpace();
    if (this.peek() === 0x5d) return void this.i++;
    for (;;) {
      this.value();
      this.skipSpace();
      const c = this.peek();
      this.i++;
      if (c === 0x5d) return;
      if (c !== 0x2c) {
        this.i--;
        this.fail("after array element");
      }
    }
  }

  string(): void {
    this.i++;
    for (;;) {
      const c = this.peek();
      if (c === 0x22) return void this.i++;
      if (c < 0x20) this.fail("in string literal");
      this.i++;
      if (c === 0x5c) this.escape();
    }
  }

  escape(): void {
    const c = this.peek();
    if ('bfnrt\\/"'.includes(String.fromCharCode(c))) return void this.i++;
    if (c !== 0x75) this.fail("in string escape code");
    this.i++;
    for (let k = 0; k < 4; k++) {
      if (!isHex(this.peek())) this.fail("in \\u hexadecimal character escape");
      this.i++;
    }
  }

  digits(): void {
    while (this.i < this.b.length && isDigit(this.b[this.i]!)) this.i++;
  }

  number(): void {
    if (this.peek() === 0x2d) {
      this.i++;
      if (!isDigit(this.peek())) this.fail("in numeric literal");
    }
    if (this.peek() === 0x30) this.i++;
    else this.digits();
    if (this.i < this.b.length && this.b[this.i] === 0x2e) {
      this.i++;
      if (!isDigit(this.peek())) this.fail("after decimal point in numeric literal");
      this.digits();
    }
    if (this.i < this.b.length && (this.b[this.i] === 0x65 || this.b[this.i] === 0x45)) {
      this.i++;
      if (this.peek() === 0x2b || this.peek() === 0x2d) this.i++;
      if (!isDigit(this.peek())) this.fail("in exponent of numeric literal");
      this.digits();
    }
  }

  literal(word: string): void {
    this.i++;
    for (let k = 1; k < word.length; k++) {
      if (this.peek() !== word.charCodeAt(k))
        this.fail(`in literal ${word} (expecting '${word[k]}')`);
      this.i++;
    }
  }
}

/** The error json.Unmarshal reports for a syntactically invalid text, or null when it is valid. */
export function jsonSyntaxError(text: string): string | null {
  const s = new Scanner(new TextEncoder().encode(text));
  try {
    s.value();
    s.skipSpace();
    if (s.i < s.b.length) s.fail("after top-level value");
    return null;
  } catch (e) {
    if (e instanceof Syntax) return e.message;
    throw e;
  }
}
