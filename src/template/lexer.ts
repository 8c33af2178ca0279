/**
 * The lexer: a direct port of Go 1.19 text/template/parse/lex.go. Positions are UTF-16
 * offsets into the source (Go uses bytes; the difference only shows in error columns,
 * which are converted back to bytes when a message is printed in Go's format).
 */

import { goQuote } from "./format/quote.js";

export const enum T {
  Error,
  Bool,
  Char,
  CharConstant,
  Comment,
  Complex,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  Keyword,
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

export interface Item {
  typ: T;
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS: Record<string, T> = {
  ".": T.Dot,
  block: T.Block,
  break: T.Break,
  continue: T.Continue,
  define: T.Define,
  else: T.Else,
  end: T.End,
  if: T.If,
  range: T.Range,
  nil: T.Nil,
  template: T.Template,
  with: T.With,
};

const LEFT = "{{";
const RIGHT = "}}";
const EOF_RUNE = "";

function isSpace(c: string): boolean {
  return c === " " || c === "\t" || c === "\r" || c === "\n";
}

const ALNUM = /^[\p{L}\p{Nd}_]$/u;
function isAlphaNumeric(c: string): boolean {
  if (c === "") return false;
  const x = c.charCodeAt(0);
  if ((x >= 97 && x <= 122) || (x >= 65 && x <= 90) || (x >= 48 && x <= 57) || x === 95)
    return true;
  return x >= 128 && ALNUM.test(c);
}

function hasLeftTrimMarker(s: string, at: number): boolean {
  return s[at] === "-" && isSpace(s[at + 1] ?? "");
}

function hasRightTrimMarker(s: string, at: number): boolean {
  return isSpace(s[at] ?? "") && s[at + 1] === "-";
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

type State = ((l: Lexer) => State) | null;

class Lexer {
  items: Item[] = [];
  pos = 0;
  start = 0;
  atEOF = false;
  parenDepth = 0;
  line = 1;
  startLine = 1;

  constructor(readonly input: string) {}

  next(): string {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF_RUNE;
    }
    const cp = this.input.codePointAt(this.pos) ?? 0;
    const r = String.fromCodePoint(cp);
    this.pos += r.length;
    if (r === "\n") this.line++;
    return r;
  }

  peek(): string {
    const r = this.next();
    this.backup(r);
    return r;
  }

  backup(r: string): void {
    if (!this.atEOF && this.pos > 0) {
      this.pos -= r.length;
      if (r === "\n") this.line--;
    }
  }

  emit(t: T): void {
    this.items.push({
      typ: t,
      pos: this.start,
      val: this.input.slice(this.start, this.pos),
      line: this.startLine,
    });
    this.start = this.pos;
    this.startLine = this.line;
  }

  ignore(): void {
    this.line += countNewlines(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  accept(valid: string): boolean {
    const r = this.next();
    if (r !== "" && valid.includes(r)) return true;
    this.backup(r);
    return false;
  }

  acceptRun(valid: string): void {
    let r = this.next();
    while (r !== "" && valid.includes(r)) r = this.next();
    this.backup(r);
  }

  errorf(msg: string): State {
    this.items.push({ typ: T.Error, pos: this.start, val: msg, line: this.startLine });
    return null;
  }

  atRightDelim(): { delim: boolean; trim: boolean } {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(RIGHT, this.pos + 2))
      return { delim: true, trim: true };
    if (this.input.startsWith(RIGHT, this.pos)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  }

  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF_RUNE:
      case ".":
      case ",":
      case "|":
      case ":":
      case ")":
      case "(":
        return true;
    }
    return this.input.startsWith(RIGHT, this.pos);
  }
}

function lexText(l: Lexer): State {
  const x = l.input.indexOf(LEFT, l.pos);
  if (x >= 0) {
    l.pos = x;
    let trimLength = 0;
    if (hasLeftTrimMarker(l.input, l.pos + LEFT.length)) {
      let k = l.pos;
      while (k > l.start && isSpace(l.input[k - 1] ?? "")) k--;
      trimLength = l.pos - k;
    }
    l.pos -= trimLength;
    if (l.pos > l.start) {
      l.line += countNewlines(l.input, l.start, l.pos);
      l.emit(T.Text);
    }
    l.pos += trimLength;
    l.ignore();
    return lexLeftDelim;
  }
  l.pos = l.input.length;
  if (l.pos > l.start) {
    l.line += countNewlines(l.input, l.start, l.pos);
    l.emit(T.Text);
  }
  l.emit(T.EOF);
  return null;
}

function leftTrimLength(s: string, from: number): number {
  let k = from;
  while (k < s.length && isSpace(s[k] ?? "")) k++;
  return k - from;
}

function lexLeftDelim(l: Lexer): State {
  l.pos += LEFT.length;
  const trimSpace = hasLeftTrimMarker(l.input, l.pos);
  const afterMarker = trimSpace ? 2 : 0;
  if (l.input.startsWith("/*", l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return lexComment;
  }
  l.emit(T.LeftDelim);
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  return lexInsideAction;
}

function lexComment(l: Lexer): State {
  l.pos += 2;
  const i = l.input.indexOf("*/", l.pos);
  if (i < 0) return l.errorf("unclosed comment");
  l.pos = i + 2;
  const { delim, trim } = l.atRightDelim();
  if (!delim) return l.errorf("comment ends before closing delimiter");
  if (trim) l.pos += 2;
  l.pos += RIGHT.length;
  if (trim) l.pos += leftTrimLength(l.input, l.pos);
  l.ignore();
  return lexText;
}

function lexRightDelim(l: Lexer): State {
  const trimSpace = hasRightTrimMarker(l.input, l.pos);
  if (trimSpace) {
    l.pos += 2;
    l.ignore();
  }
  l.pos += RIGHT.length;
  l.emit(T.RightDelim);
  if (trimSpace) {
    l.pos += leftTrimLength(l.input, l.pos);
    l.ignore();
  }
  return lexText;
}

function runeName(r: string): string {
  const cp = r.codePointAt(0) ?? 0;
  return (
    "U+" +
    cp.toString(16).toUpperCase().padStart(4, "0") +
    (cp >= 0x20 && cp !== 0x7f ? ` '${r}'` : "")
  );
}

function lexInsideAction(l: Lexer): State {
  const { delim } = l.atRightDelim();
  if (delim) {
    if (l.parenDepth === 0) return lexRightDelim;
    return l.errorf("unclosed left paren");
  }
  const r = l.next();
  if (r === EOF_RUNE) return l.errorf("unclosed action");
  if (isSpace(r)) {
    l.backup(r);
    return lexSpace;
  }
  switch (r) {
    case "=":
      l.emit(T.Assign);
      return lexInsideAction;
    case ":":
      if (l.next() !== "=") return l.errorf("expected :=");
      l.emit(T.Declare);
      return lexInsideAction;
    case "|":
      l.emit(T.Pipe);
      return lexInsideAction;
    case '"':
      return lexQuote;
    case "`":
      return lexRawQuote;
    case "$":
      return lexVariable;
    case "'":
      return lexChar;
    case "(":
      l.emit(T.LeftParen);
      l.parenDepth++;
      return lexInsideAction;
    case ")":
      l.emit(T.RightParen);
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf(`unexpected right paren ${runeName(r)}`);
      return lexInsideAction;
  }
  if (r === ".") {
    const c = l.input[l.pos];
    if (l.pos < l.input.length && (c === undefined || c < "0" || c > "9")) return lexField;
  }
  if (r === "." || r === "+" || r === "-" || (r >= "0" && r <= "9")) {
    l.backup(r);
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup(r);
    return lexIdentifier;
  }
  const cp = r.codePointAt(0) ?? 0;
  if (cp <= 0x7f && cp >= 0x20 && cp !== 0x7f) {
    l.emit(T.Char);
    return lexInsideAction;
  }
  return l.errorf(`unrecognized character in action: ${runeName(r)}`);
}

function lexSpace(l: Lexer): State {
  let numSpaces = 0;
  for (;;) {
    const r = l.peek();
    if (!isSpace(r)) break;
    l.next();
    numSpaces++;
  }
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(RIGHT, l.pos - 1 + 2)) {
    l.backup(l.input[l.pos - 1] ?? " ");
    if (numSpaces === 1) return lexRightDelim;
  }
  l.emit(T.Space);
  return lexInsideAction;
}

function lexIdentifier(l: Lexer): State {
  for (;;) {
    const r = l.next();
    if (isAlphaNumeric(r)) continue;
    l.backup(r);
    const word = l.input.slice(l.start, l.pos);
    if (!l.atTerminator()) return l.errorf(`bad character ${runeName(r)}`);
    const kw = KEYWORDS[word];
    if (kw !== undefined && kw > T.Keyword) l.emit(kw);
    else if (word[0] === ".") l.emit(T.Field);
    else if (word === "true" || word === "false") l.emit(T.Bool);
    else l.emit(T.Identifier);
    return lexInsideAction;
  }
}

function lexField(l: Lexer): State {
  return lexFieldOrVariable(l, T.Field);
}

function lexVariable(l: Lexer): State {
  if (l.atTerminator()) {
    l.emit(T.Variable);
    return lexInsideAction;
  }
  return lexFieldOrVariable(l, T.Variable);
}

function lexFieldOrVariable(l: Lexer, typ: T): State {
  if (l.atTerminator()) {
    l.emit(typ === T.Variable ? T.Variable : T.Dot);
    return lexInsideAction;
  }
  let r: string;
  for (;;) {
    r = l.next();
    if (!isAlphaNumeric(r)) {
      l.backup(r);
      break;
    }
  }
  if (!l.atTerminator()) return l.errorf(`bad character ${runeName(r)}`);
  l.emit(typ);
  return lexInsideAction;
}

function lexChar(l: Lexer): State {
  for (;;) {
    let r = l.next();
    if (r === "\\") {
      r = l.next();
      if (r !== EOF_RUNE && r !== "\n") continue;
    }
    if (r === EOF_RUNE || r === "\n") return l.errorf("unterminated character constant");
    if (r === "'") break;
  }
  l.emit(T.CharConstant);
  return lexInsideAction;
}

function lexNumber(l: Lexer): State {
  if (!scanNumber(l))
    return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === "+" || sign === "-") {
    if (!scanNumber(l) || l.input[l.pos - 1] !== "i") {
      return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
    }
    l.emit(T.Complex);
  } else l.emit(T.Number);
  return lexInsideAction;
}

function scanNumber(l: Lexer): boolean {
  l.accept("+-");
  let digits = "0123456789_";
  if (l.accept("0")) {
    if (l.accept("xX")) digits = "0123456789abcdefABCDEF_";
    else if (l.accept("oO")) digits = "01234567_";
    else if (l.accept("bB")) digits = "01_";
  }
  l.acceptRun(digits);
  if (l.accept(".")) l.acceptRun(digits);
  if (digits.length === 11 && l.accept("eE")) {
    l.accept("+-");
    l.acceptRun("0123456789_");
  }
  if (digits.length === 23 && l.accept("pP")) {
    l.accept("+-");
    l.acceptRun("0123456789_");
  }
  l.accept("i");
  if (isAlphaNumeric(l.peek())) {
    l.next();
    return false;
  }
  return true;
}

function lexQuote(l: Lexer): State {
  for (;;) {
    let r = l.next();
    if (r === "\\") {
      r = l.next();
      if (r !== EOF_RUNE && r !== "\n") continue;
    }
    if (r === EOF_RUNE || r === "\n") return l.errorf("unterminated quoted string");
    if (r === '"') break;
  }
  l.emit(T.String);
  return lexInsideAction;
}

function lexRawQuote(l: Lexer): State {
  for (;;) {
    const r = l.next();
    if (r === EOF_RUNE) return l.errorf("unterminated raw quoted string");
    if (r === "`") break;
  }
  l.emit(T.RawString);
  return lexInsideAction;
}

/** Lexes a whole template; the last item is EOF or an Error. */
export function lex(input: string): Item[] {
  const l = new Lexer(input);
  let state: State = lexText;
  while (state !== null) state = state(l);
  return l.items;
}
