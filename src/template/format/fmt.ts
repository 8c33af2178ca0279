/**
 * Go's fmt.Sprint, Sprintf and Sprintln over the template data model, following
 * src/fmt/print.go and format.go (Go 1.19): verbs, flags, width, precision, argument
 * indexes, and the `%!verb(type=value)` / `%!(EXTRA …)` / `%!v(MISSING)` error forms.
 */
import {
  GoStruct,
  Int64,
  Uint64,
  goTypeName,
  kindOf,
  sortedKeys,
  toBigInt,
  toJsNumber,
} from "../values.js";
import { formatFloatBinary, formatFloatHex } from "./float-bits.js";
import { formatFloat } from "./float.js";
import { canBackquote, goQuote, goQuoteRune } from "./quote.js";

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number;
  widPresent: boolean;
  prec: number;
  precPresent: boolean;
}

function clearFlags(): Flags {
  return {
    plus: false,
    minus: false,
    sharp: false,
    space: false,
    zero: false,
    plusV: false,
    sharpV: false,
    wid: 0,
    widPresent: false,
    prec: 0,
    precPresent: false,
  };
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

class Printer {
  buf = "";
  f: Flags = clearFlags();

  writePadding(n: number): void {
    if (n > 0) this.buf += (this.f.zero ? "0" : " ").repeat(n);
  }

  pad(s: string): void {
    if (!this.f.widPresent || this.f.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.f.wid - runeCount(s);
    if (!this.f.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  truncate(s: string): string {
    if (this.f.precPresent) {
      let n = this.f.prec;
      let i = 0;
      for (const ch of s) {
        n--;
        if (n < 0) return s.slice(0, i);
        i += ch.length;
      }
    }
    return s;
  }

  printArg(arg: unknown, verb: string): void {
    if (arg === null || arg === undefined) {
      if (verb === "T" || verb === "v") this.pad("<nil>");
      else this.badVerb(verb, arg);
      return;
    }
    if (verb === "T") {
      this.fmtS(goTypeName(arg));
      return;
    }
    if (verb === "p") {
      this.badVerb(verb, arg);
      return;
    }
    this.printValue(arg, verb, 0);
  }

  printValue(v: unknown, verb: string, depth: number): void {
    switch (kindOf(v)) {
      case "invalid":
        if (depth === 0) this.buf += "<invalid reflect.Value>";
        else if (verb === "v") this.buf += "<nil>";
        else this.badVerb(verb, v);
        return;
      case "bool":
        if (verb === "t" || verb === "v") this.pad(v ? "true" : "false");
        else this.badVerb(verb, v);
        return;
      case "int":
      case "int64":
      case "uint64":
        this.fmtIntegerVerb(toBigInt(v as number | bigint | Int64 | Uint64), verb, v);
        return;
      case "float64":
        this.fmtFloatVerb(toJsNumber(v), verb, v);
        return;
      case "string":
        this.fmtString(v as string, verb);
        return;
      case "slice":
        this.printSlice(v as unknown[], verb, depth);
        return;
      case "map":
        this.printMap(v as Map<string, unknown>, verb, depth);
        return;
      case "struct":
        // A Stringer prints as its String() for the string verbs (handleMethods).
        if ((v as GoStruct).text !== undefined && !this.f.sharpV && "vsxXq".includes(verb))
          this.fmtString((v as GoStruct).text!, verb);
        else this.printStruct(v as GoStruct, verb, depth);
        return;
      case "func":
        if (verb === "v")
          this.buf += this.f.sharpV ? "(func(...interface {}) (interface {}, error))(0x0)" : "0x0";
        else this.badVerb(verb, v);
        return;
    }
  }

  printElem(e: unknown, verb: string, depth: number): void {
    if (e === null || e === undefined) {
      if (this.f.sharpV) this.buf += "interface {}(nil)";
      else this.pad("<nil>");
      return;
    }
    this.printValue(e, verb, depth + 1);
  }

  printSlice(a: unknown[], verb: string, depth: number): void {
    if (this.f.sharpV) {
      this.buf += goTypeName(a) + "{";
      a.forEach((e, i) => {
        if (i > 0) this.buf += ", ";
        this.printElem(e, verb, depth);
      });
      this.buf += "}";
      return;
    }
    this.buf += "[";
    a.forEach((e, i) => {
      if (i > 0) this.buf += " ";
      this.printElem(e, verb, depth);
    });
    this.buf += "]";
  }

  printMap(m: Map<string, unknown>, verb: string, depth: number): void {
    const keys = sortedKeys(m);
    if (this.f.sharpV) {
      this.buf += goTypeName(m) + "{";
      keys.forEach((k, i) => {
        if (i > 0) this.buf += ", ";
        this.printValue(k, verb, depth + 1);
        this.buf += ":";
        this.printElem(m.get(k), verb, depth);
      });
      this.buf += "}";
      return;
    }
    this.buf += "map[";
    keys.forEach((k, i) => {
      if (i > 0) this.buf += " ";
      this.printValue(k, verb, depth + 1);
      this.buf += ":";
      this.printElem(m.get(k), verb, depth);
    });
    this.buf += "]";
  }

  printStruct(s: GoStruct, verb: string, depth: number): void {
    if (this.f.sharpV) this.buf += s.typeName;
    this.buf += "{";
    let i = 0;
    for (const [name, value] of s.fields) {
      if (i++ > 0) this.buf += this.f.sharpV ? ", " : " ";
      if (this.f.plusV || this.f.sharpV) this.buf += name + ":";
      this.printElem(value, verb, depth);
    }
    this.buf += "}";
  }

  badVerb(verb: string, arg: unknown): void {
    this.buf += "%!" + verb + "(";
    if (arg === null || arg === undefined) this.buf += "<nil>";
    else {
      this.buf += goTypeName(arg) + "=";
      const saved = this.f;
      this.f = { ...saved };
      this.printArg(arg, "v");
      this.f = saved;
    }
    this.buf += ")";
  }

  fmtS(s: string): void {
    this.pad(this.truncate(s));
  }

  fmtString(s: string, verb: string): void {
    switch (verb) {
      case "v":
        if (this.f.sharpV) this.fmtQ(s);
        else this.fmtS(s);
        return;
      case "s":
        this.fmtS(s);
        return;
      case "x":
      case "X":
        this.fmtSx(s, verb === "x" ? "0123456789abcdef" : "0123456789ABCDEF");
        return;
      case "q":
        this.fmtQ(s);
        return;
      default:
        this.badVerb(verb, s);
    }
  }

  fmtQ(s: string): void {
    s = this.truncate(s);
    if (this.f.sharp && canBackquote(s)) this.pad("`" + s + "`");
    else this.pad(goQuote(s, this.f.plus));
  }

  fmtSx(s: string, digits: string): void {
    const bytes = new TextEncoder().encode(s);
    let length = bytes.length;
    if (this.f.precPresent && this.f.prec < length) length = this.f.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.f.space) {
        if (this.f.sharp) width *= 2;
        width += length - 1;
      } else if (this.f.sharp) width += 2;
    } else {
      if (this.f.widPresent) this.writePadding(this.f.wid);
      return;
    }
    if (this.f.widPresent && this.f.wid > width && !this.f.minus)
      this.writePadding(this.f.wid - width);
    let out = "";
    const prefix = digits[10] === "a" ? "0x" : "0X";
    if (this.f.sharp && !this.f.space) out += prefix;
    for (let i = 0; i < length; i++) {
      if (this.f.space) {
        if (i > 0) out += " ";
        if (this.f.sharp) out += prefix;
      }
      const b = bytes[i] ?? 0;
      out += (digits[b >> 4] ?? "") + (digits[b & 15] ?? "");
    }
    this.buf += out;
    if (this.f.widPresent && this.f.wid > width && this.f.minus)
      this.writePadding(this.f.wid - width);
  }

  fmtIntegerVerb(n: bigint, verb: string, original: unknown): void {
    switch (verb) {
      case "v":
      case "d":
        this.fmtInteger(n, 10, verb, "0123456789abcdef");
        return;
      case "b":
        this.fmtInteger(n, 2, verb, "0123456789abcdef");
        return;
      case "o":
      case "O":
        this.fmtInteger(n, 8, verb, "0123456789abcdef");
        return;
      case "x":
        this.fmtInteger(n, 16, verb, "0123456789abcdef");
        return;
      case "X":
        this.fmtInteger(n, 16, verb, "0123456789ABCDEF");
        return;
      case "c":
        this.pad(String.fromCodePoint(validRune(n)));
        return;
      case "q":
        this.pad(goQuoteRune(validRune(n), this.f.plus));
        return;
      case "U":
        this.fmtUnicode(n);
        return;
      default:
        this.badVerb(verb, original);
    }
  }

  fmtInteger(n: bigint, base: number, verb: string, digits: string): void {
    const negative = n < 0n;
    let u = negative ? -n : n;
    let prec = 0;
    if (this.f.precPresent) {
      prec = this.f.prec;
      if (prec === 0 && u === 0n) {
        const oldZero = this.f.zero;
        this.f.zero = false;
        this.writePadding(this.f.wid);
        this.f.zero = oldZero;
        return;
      }
    } else if (this.f.zero && this.f.widPresent) {
      prec = this.f.wid;
      if (negative || this.f.plus || this.f.space) prec--;
    }
    let body = "";
    const b = BigInt(base);
    do {
      body = digits[Number(u % b)] + body;
      u /= b;
    } while (u > 0n);
    if (prec > body.length) body = "0".repeat(prec - body.length) + body;
    if (this.f.sharp) {
      if (base === 2) body = "0b" + body;
      else if (base === 8 && body[0] !== "0") body = "0" + body;
      else if (base === 16) body = (digits[10] === "a" ? "0x" : "0X") + body;
    }
    if (verb === "O") body = "0o" + body;
    if (negative) body = "-" + body;
    else if (this.f.plus) body = "+" + body;
    else if (this.f.space) body = " " + body;
    const oldZero = this.f.zero;
    this.f.zero = false;
    this.pad(body);
    this.f.zero = oldZero;
  }

  fmtUnicode(n: bigint): void {
    let s = "U+" + (n < 0n ? BigInt.asUintN(64, n) : n).toString(16).toUpperCase().padStart(4, "0");
    if (this.f.precPresent && this.f.prec > 4) {
      s = "U+" + s.slice(2).padStart(this.f.prec, "0");
    }
    if (this.f.sharp && n >= 0n && n <= 0x10ffffn && isPrintRune(Number(n))) {
      s += " '" + String.fromCodePoint(Number(n)) + "'";
    }
    const oldZero = this.f.zero;
    this.f.zero = false;
    this.pad(s);
    this.f.zero = oldZero;
  }

  fmtFloatVerb(v: number, verb: string, original: unknown): void {
    switch (verb) {
      case "v":
        this.fmtFloat(v, "g", -1);
        return;
      case "b":
      case "g":
      case "G":
      case "x":
      case "X":
        this.fmtFloat(v, verb, -1);
        return;
      case "f":
      case "e":
      case "E":
        this.fmtFloat(v, verb, 6);
        return;
      case "F":
        this.fmtFloat(v, "f", 6);
        return;
      default:
        this.badVerb(verb, original);
    }
  }

  fmtFloat(v: number, verb: string, prec: number): void {
    if (this.f.precPresent) prec = this.f.prec;
    let num =
      verb === "x" || verb === "X"
        ? formatFloatHex(v, verb, prec)
        : verb === "b"
          ? formatFloatBinary(v)
          : formatFloat(v, verb, prec);
    if (num[0] !== "-" && num[0] !== "+") num = "+" + num;
    if (this.f.space && num[0] === "+" && !this.f.plus) num = " " + num.slice(1);
    if (num[1] === "I" || num[1] === "N") {
      const oldZero = this.f.zero;
      this.f.zero = false;
      if (num[1] === "N" && !this.f.space && !this.f.plus) num = num.slice(1);
      this.pad(num);
      this.f.zero = oldZero;
      return;
    }
    if (this.f.sharp && verb !== "b") num = sharpFloat(num, verb, prec);
    if (this.f.plus || num[0] !== "+") {
      if (this.f.zero && this.f.widPresent && this.f.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.f.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }
}

/** The '#' flag for floats: keep the decimal point and trailing zeros (format.go). */
function sharpFloat(num: string, verb: string, prec: number): string {
  let digits = verb === "g" || verb === "G" || verb === "x" ? (prec === -1 ? 6 : prec) : 0;
  const hex = verb === "x" || verb === "X";
  // The exponent ("e+07", "p-02") is kept aside; in hex formats "e" is a digit.
  const e = num.slice(1).search(hex ? /[pP]/ : /[eEpP]/);
  let body = e >= 0 ? num.slice(0, e + 1) : num;
  const tail = e >= 0 ? num.slice(e + 1) : "";
  let sawNonzero = false;
  for (let i = 1; i < body.length; i++) {
    const c = body[i];
    if (c === ".") continue;
    if (c !== "0") sawNonzero = true;
    if (sawNonzero) digits--;
  }
  if (!body.includes(".")) {
    if (body.length === 2 && body[1] === "0") digits--;
    body += ".";
  }
  while (digits > 0) {
    body += "0";
    digits--;
  }
  return body + tail;
}

function validRune(n: bigint): number {
  if (n < 0n || n > 0x10ffffn) return 0xfffd;
  const x = Number(n);
  return x >= 0xd800 && x <= 0xdfff ? 0xfffd : x;
}

function isPrintRune(cp: number): boolean {
  return cp >= 0x20 && cp !== 0x7f && !(cp >= 0xd800 && cp <= 0xdfff);
}

function parseNum(
  s: string,
  start: number,
  end: number,
): { num: number; isnum: boolean; newi: number } {
  let num = 0;
  let isnum = false;
  let i = start;
  for (; i < end && s[i]! >= "0" && s[i]! <= "9"; i++) {
    if (num > 1e6) return { num: 0, isnum: false, newi: end };
    num = num * 10 + (s.charCodeAt(i) - 48);
    isnum = true;
  }
  return { num, isnum, newi: i };
}

function intFromArg(
  a: readonly unknown[],
  argNum: number,
): { num: number; isInt: boolean; argNum: number } {
  if (argNum >= a.length) return { num: 0, isInt: false, argNum };
  const v = a[argNum];
  const k = kindOf(v);
  let num = 0;
  let isInt = false;
  if (k === "int" || k === "int64") {
    num = Number(toBigInt(v as number | bigint | Int64));
    isInt = true;
  } else if (k === "uint64") {
    // Go converts to int and rejects values whose int64 reading is negative.
    const u = BigInt.asIntN(64, (v as Uint64).value);
    num = Number(u);
    isInt = u >= 0n;
  }
  if (num > 1e6 || num < -1e6) {
    num = 0;
    isInt = false;
  }
  return { num, isInt, argNum: argNum + 1 };
}

/** fmt.Sprintf. */
export function sprintf(format: string, a: readonly unknown[]): string {
  const p = new Printer();
  const end = format.length;
  let argNum = 0;
  let afterIndex = false;
  let reordered = false;
  let goodArgNum = true;

  const argNumber = (i: number): { argNum: number; i: number; found: boolean } => {
    if (end <= i || format[i] !== "[") return { argNum, i, found: false };
    reordered = true;
    const rest = format.slice(i);
    let parsed: { index: number; wid: number; ok: boolean } = { index: 0, wid: 1, ok: false };
    if (rest.length >= 3) {
      const close = rest.indexOf("]", 1);
      if (close > 0) {
        const n = parseNum(rest, 1, close);
        parsed =
          !n.isnum || n.newi !== close
            ? { index: 0, wid: close + 1, ok: false }
            : { index: n.num - 1, wid: close + 1, ok: true };
      }
    }
    if (parsed.ok && parsed.index >= 0 && parsed.index < a.length)
      return { argNum: parsed.index, i: i + parsed.wid, found: true };
    goodArgNum = false;
    return { argNum, i: i + parsed.wid, found: parsed.ok };
  };

  let i = 0;
  formatLoop: while (i < end) {
    goodArgNum = true;
    const lasti = i;
    while (i < end && format[i] !== "%") i++;
    if (i > lasti) p.buf += format.slice(lasti, i);
    if (i >= end) break;
    i++;
    p.f = clearFlags();
    simple: for (; i < end; i++) {
      const c = format[i]!;
      switch (c) {
        case "#":
          p.f.sharp = true;
          break;
        case "0":
          p.f.zero = !p.f.minus;
          break;
        case "+":
          p.f.plus = true;
          break;
        case "-":
          p.f.minus = true;
          p.f.zero = false;
          break;
        case " ":
          p.f.space = true;
          break;
        default:
          if (c >= "a" && c <= "z" && argNum < a.length) {
            if (c === "v") {
              p.f.sharpV = p.f.sharp;
              p.f.sharp = false;
              p.f.plusV = p.f.plus;
              p.f.plus = false;
            }
            p.printArg(a[argNum], c);
            argNum++;
            i++;
            continue formatLoop;
          }
          break simple;
      }
    }
    let r = argNumber(i);
    argNum = r.argNum;
    i = r.i;
    afterIndex = r.found;
    if (i < end && format[i] === "*") {
      i++;
      const w = intFromArg(a, argNum);
      p.f.wid = w.num;
      p.f.widPresent = w.isInt;
      argNum = w.argNum;
      if (!p.f.widPresent) p.buf += "%!(BADWIDTH)";
      if (p.f.wid < 0) {
        p.f.wid = -p.f.wid;
        p.f.minus = true;
        p.f.zero = false;
      }
      afterIndex = false;
    } else {
      const n = parseNum(format, i, end);
      p.f.wid = n.num;
      p.f.widPresent = n.isnum;
      i = n.newi;
      if (afterIndex && p.f.widPresent) goodArgNum = false;
    }
    if (i + 1 < end && format[i] === ".") {
      i++;
      if (afterIndex) goodArgNum = false;
      r = argNumber(i);
      argNum = r.argNum;
      i = r.i;
      afterIndex = r.found;
      if (i < end && format[i] === "*") {
        i++;
        const w = intFromArg(a, argNum);
        p.f.prec = w.num;
        p.f.precPresent = w.isInt;
        argNum = w.argNum;
        if (p.f.prec < 0) {
          p.f.prec = 0;
          p.f.precPresent = false;
        }
        if (!p.f.precPresent) p.buf += "%!(BADPREC)";
        afterIndex = false;
      } else {
        const n = parseNum(format, i, end);
        p.f.prec = n.num;
        p.f.precPresent = n.isnum;
        i = n.newi;
        if (!p.f.precPresent) {
          p.f.prec = 0;
          p.f.precPresent = true;
        }
      }
    }
    if (!afterIndex) {
      r = argNumber(i);
      argNum = r.argNum;
      i = r.i;
      afterIndex = r.found;
    }
    if (i >= end) {
      p.buf += "%!(NOVERB)";
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i) ?? 0);
    i += verb.length;
    if (verb === "%") p.buf += "%";
    else if (!goodArgNum) p.buf += "%!" + verb + "(BADINDEX)";
    else if (argNum >= a.length) p.buf += "%!" + verb + "(MISSING)";
    else {
      if (verb === "v") {
        p.f.sharpV = p.f.sharp;
        p.f.sharp = false;
        p.f.plusV = p.f.plus;
        p.f.plus = false;
      }
      p.printArg(a[argNum], verb);
      argNum++;
    }
  }
  if (!reordered && argNum < a.length) {
    p.f = clearFlags();
    p.buf += "%!(EXTRA ";
    a.slice(argNum).forEach((arg, k) => {
      if (k > 0) p.buf += ", ";
      if (arg === null || arg === undefined) p.buf += "<nil>";
      else {
        p.buf += goTypeName(arg) + "=";
        p.printArg(arg, "v");
      }
    });
    p.buf += ")";
  }
  return p.buf;
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(a: readonly unknown[]): string {
  const p = new Printer();
  let prevString = false;
  a.forEach((arg, i) => {
    const isString = typeof arg === "string";
    if (i > 0 && !isString && !prevString) p.buf += " ";
    p.f = clearFlags();
    p.printArg(arg, "v");
    prevString = isString;
  });
  return p.buf;
}

/** fmt.Sprintln: always spaces between operands, and a newline. */
export function sprintln(a: readonly unknown[]): string {
  const p = new Printer();
  a.forEach((arg, i) => {
    if (i > 0) p.buf += " ";
    p.f = clearFlags();
    p.printArg(arg, "v");
  });
  return p.buf + "\n";
}

/** fmt.Sprint of one value with %v (what `{{.}}` prints). */
export function formatValue(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isInteger(v)) return String(v);
  return sprint([v]);
}
