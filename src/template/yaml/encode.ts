/**
 * yaml.v2's Marshal for the template data model (what Helm's toYaml prints): sorted keys with
 * yaml.v2's natural order, indentless sequences under mappings, YAML 1.1-safe quoting, literal
 * blocks for multi-line strings, `{}`/`[]` for empty collections, flow scalars folded at
 * column 80. One pass appends to a single output string; scalar decisions live in
 * scalar-style.ts.
 */
import { formatFloat } from "../format/float.js";
import { GoStruct, Int64, Uint64, kindOf, toJsNumber } from "../values.js";
import { yamlString } from "./scalar-style.js";

function scalar(v: unknown, indent: number, col: number): string | null {
  switch (kindOf(v)) {
    case "invalid":
      return "null";
    case "bool":
      return v ? "true" : "false";
    case "int":
      return String(v);
    case "int64":
    case "uint64":
      return (v as Int64 | Uint64).value.toString();
    case "float64": {
      const s = formatFloat(toJsNumber(v), "g", -1);
      return s === "+Inf" ? ".inf" : s === "-Inf" ? "-.inf" : s === "NaN" ? ".nan" : s;
    }
    case "string":
      return yamlString(v as string, indent, false, col);
    case "struct": {
      // An encoding.TextMarshaler (semver's Version) is written as its text.
      const text = (v as GoStruct).text;
      return text === undefined ? null : yamlString(text, indent, false, col);
    }
    default:
      return null;
  }
}

function isLetter(c: string): boolean {
  const x = c.charCodeAt(0);
  if (x < 0x80) return (x >= 65 && x <= 90) || (x >= 97 && x <= 122);
  return /^\p{L}$/u.test(c);
}

function isDigit(c: string): boolean {
  const x = c.charCodeAt(0);
  if (x < 0x80) return x >= 48 && x <= 57;
  return /^\p{Nd}$/u.test(c);
}

/** yaml.v2's keyList.Less for string keys: letters after non-letters, digit runs numerically. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ascii = /^[\x00-\x7f]*$/;
  const ar = ascii.test(a) ? a.split("") : [...a];
  const br = ascii.test(b) ? b.split("") : [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return (ar[i]!.codePointAt(0) ?? 0) < (br[i]!.codePointAt(0) ?? 0);
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === "0" || br[i] === "0") {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== "0") {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++)
      an = an * 10n + BigInt((ar[ai]!.codePointAt(0) ?? 48) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]!); bi++)
      bn = bn * 10n + BigInt((br[bi]!.codePointAt(0) ?? 48) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return (ar[i]!.codePointAt(0) ?? 0) < (br[i]!.codePointAt(0) ?? 0);
  }
  return ar.length < br.length;
}

function onlyAsciiLetters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const x = s.charCodeAt(i) | 0x20;
    if (x < 97 || x > 122) return false;
  }
  return true;
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byYamlOrder = (a: string, b: string): number =>
  yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0;

/** Keys in yaml.v2's order; for keys made only of ASCII letters that is code-point order. */
function sortedYamlKeys(m: ReadonlyMap<string, unknown>): string[] {
  const keys = [...m.keys()];
  return keys.sort(keys.every(onlyAsciiLetters) ? byCodeUnit : byYamlOrder);
}

function emptyCollection(v: unknown): string | null {
  if (Array.isArray(v)) return v.length === 0 ? "[]" : null;
  if (v instanceof Map) return v.size === 0 ? "{}" : null;
  if (v instanceof GoStruct && v.fields.size === 0 && v.text === undefined) return "{}";
  return null;
}

/** Code points in a string (a key's width for the column of its value). */
function width(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

const PADS: string[] = [];
function pad(n: number): string {
  return (PADS[n] ??= " ".repeat(n));
}

/** The block emitter: appends to `out`, one value at a time. */
class Emitter {
  out = "";

  /**
   * A value after "key:" or "-" on the same line, at block indent `indent`; `col` is the
   * column after the indicator. A collection in a sequence starts on the dash's line.
   */
  node(v: unknown, indent: number, inMapping: boolean, col: number): void {
    const empty = emptyCollection(v);
    if (empty !== null) {
      this.out += " " + empty + "\n";
      return;
    }
    const s = scalar(v, indent + 2, col + 1);
    if (s !== null) {
      this.out += " ";
      this.out += s;
      if (s.charCodeAt(s.length - 1) !== 0x0a) this.out += "\n";
      return;
    }
    if (Array.isArray(v)) {
      if (inMapping) {
        this.out += "\n";
        this.sequence(v, indent, false);
      } else this.sequence(v, indent + 2, true);
      return;
    }
    const m = v as Map<string, unknown> | GoStruct;
    if (inMapping) {
      this.out += "\n";
      this.mapping(m, indent + 2, false);
    } else this.mapping(m, indent + 2, true);
  }

  /** `inline`: the first entry continues the current line after a single space. */
  mapping(m: Map<string, unknown> | GoStruct, indent: number, inline: boolean): void {
    if (m instanceof GoStruct) {
      // Struct fields keep their order; yaml.v2 lower-cases the names.
      let first = inline;
      for (const [k, v] of m.fields) {
        this.entry(k.toLowerCase(), v, indent, first);
        first = false;
      }
      return;
    }
    const keys = sortedYamlKeys(m);
    for (let i = 0; i < keys.length; i++)
      this.entry(keys[i]!, m.get(keys[i]!), indent, inline && i === 0);
  }

  entry(k: string, v: unknown, indent: number, inline: boolean): void {
    const key = yamlString(k, indent + 2, true, 0);
    this.out += inline ? " " : pad(indent);
    this.out += key;
    this.out += ":";
    this.node(v, indent, true, indent + width(key) + 1);
  }

  sequence(a: readonly unknown[], indent: number, inline: boolean): void {
    for (let i = 0; i < a.length; i++) {
      this.out += inline && i === 0 ? " -" : pad(indent) + "-";
      this.node(a[i], indent, false, indent + 1);
    }
  }
}

/** yaml.v2 Marshal of a data-model value, including the final newline. */
export function marshalYaml(v: unknown): string {
  const empty = emptyCollection(v);
  if (empty !== null) return empty + "\n";
  const e = new Emitter();
  if (Array.isArray(v)) e.sequence(v, 0, false);
  else if (v instanceof Map || (v instanceof GoStruct && v.text === undefined))
    e.mapping(v, 0, false);
  else {
    const s = scalar(v, 2, 0);
    if (s === null) throw new Error(`cannot marshal type: ${kindOf(v)}`);
    return s.endsWith("\n") ? s : s + "\n";
  }
  return e.out;
}
