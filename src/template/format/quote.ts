/** Go's strconv.Quote family, for %q, quote and error messages. */

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isGoPrint(cp: number): boolean {
  if (cp === 0x20) return true;
  if (cp < 0x20 || cp === 0x7f) return false;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

function escapeRune(cp: number, quote: number, asciiOnly: boolean): string {
  if (cp === quote || cp === 0x5c) return "\\" + String.fromCodePoint(cp);
  if (asciiOnly ? cp < 0x80 && isGoPrint(cp) : isGoPrint(cp)) return String.fromCodePoint(cp);
  switch (cp) {
    case 7:
      return "\\a";
    case 8:
      return "\\b";
    case 12:
      return "\\f";
    case 10:
      return "\\n";
    case 13:
      return "\\r";
    case 9:
      return "\\t";
    case 11:
      return "\\v";
  }
  if (cp < 0x20 || cp === 0x7f) return "\\x" + hex(cp, 2);
  if (cp >= 0xd800 && cp <= 0xdfff) return "\\ufffd";
  if (cp < 0x10000) return "\\u" + hex(cp, 4);
  return "\\U" + hex(cp, 8);
}

/** strconv.Quote (or QuoteToASCII when asciiOnly). */
export function goQuote(s: string, asciiOnly = false): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0) ?? 0, 0x22, asciiOnly);
  return out + '"';
}

/** strconv.QuoteRune. */
export function goQuoteRune(cp: number, asciiOnly = false): string {
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp < 0) cp = 0xfffd;
  return "'" + escapeRune(cp, 0x27, asciiOnly) + "'";
}

/** strconv.CanBackquote. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0x60 || cp === 0xfeff) return false;
    if (cp < 0x20 && cp !== 9) return false;
    if (cp === 0x7f) return false;
  }
  return true;
}

/** Decodes a Go interpreted string literal body (between the quotes); throws a message on error. */
export function goUnquote(lit: string): string {
  const q = lit[0];
  if (q === "`") {
    if (lit.length < 2 || lit[lit.length - 1] !== "`") throw new Error("invalid syntax");
    return lit.slice(1, -1).replace(/\r/g, "");
  }
  if (lit.length < 2 || lit[lit.length - 1] !== q) throw new Error("invalid syntax");
  const body = lit.slice(1, -1);
  const { value, rest } = unquoteChars(body, q === "'" ? "'" : '"');
  if (rest !== "") throw new Error("invalid syntax");
  return value;
}

/** Decodes escapes until the end of the input; returns the decoded text. */
export function unquoteChars(body: string, quote: string): { value: string; rest: string } {
  let out = "";
  let i = 0;
  const bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length > 0) {
      out += new TextDecoder().decode(new Uint8Array(bytes));
      bytes.length = 0;
    }
  };
  while (i < body.length) {
    const c = body[i] ?? "";
    if (c === quote && quote === '"') throw new Error("invalid syntax");
    if (c !== "\\") {
      if (c === "\n") throw new Error("invalid syntax");
      flush();
      out += c;
      i++;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    const simple: Record<string, string> = {
      a: "\x07",
      b: "\b",
      f: "\f",
      n: "\n",
      r: "\r",
      t: "\t",
      v: "\v",
      "\\": "\\",
    };
    if (e !== undefined && e in simple) {
      flush();
      out += simple[e];
    } else if (e === quote) {
      flush();
      out += e;
    } else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const h = body.slice(i, i + n);
      if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) throw new Error("invalid syntax");
      i += n;
      const v = parseInt(h, 16);
      if (e === "x") bytes.push(v);
      else {
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new Error("invalid syntax");
        flush();
        out += String.fromCodePoint(v);
      }
    } else if (e !== undefined && e >= "0" && e <= "7") {
      const o = body.slice(i - 1, i + 2);
      if (!/^[0-7]{3}$/.test(o)) throw new Error("invalid syntax");
      const v = parseInt(o, 8);
      if (v > 255) throw new Error("invalid syntax");
      bytes.push(v);
      i += 2;
    } else throw new Error("invalid syntax");
  }
  flush();
  return { value: out, rest: "" };
}
