/** Go's encoding/json Marshal/Unmarshal over the data model (for toJson, toPrettyJson, fromJson). */
import { formatFloat } from "../format/float.js";
import { jsonSyntaxError } from "./go-json-syntax.js";
import { FuncError } from "./types.js";
import {
  GoStruct,
  Int64,
  Uint64,
  goFloat,
  isNilSlice,
  kindOf,
  sortedKeys,
  toJsNumber,
} from "../values.js";

/** An unsupported value (NaN, a function): "" from toJson, an error from mustToJson and toRawJson. */
class UnsupportedValue extends Error {}

function quoteJson(s: string, escapeHtml: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (c < 0x20) {
      const short: Record<number, string> = { 8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r" };
      out += short[c] ?? "\\u00" + c.toString(16).padStart(2, "0");
    } else if (escapeHtml && (ch === "<" || ch === ">" || ch === "&"))
      out += "\\u00" + c.toString(16);
    else if (c === 0x2028 || c === 0x2029) out += "\\u" + c.toString(16);
    else if (c >= 0xd800 && c <= 0xdfff) out += "\\ufffd";
    else out += ch;
  }
  return out + '"';
}

/** encoding/json's float format: 'f' in [1e-6, 1e21), else 'e' with a short exponent. */
function jsonFloat(f: number): string {
  if (!Number.isFinite(f))
    throw new UnsupportedValue(`json: unsupported value: ${formatFloat(f, "g", -1)}`);
  const abs = Math.abs(f);
  let fmt = "f";
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) fmt = "e";
  let s = formatFloat(f, fmt, -1);
  if (fmt === "e") {
    const n = s.length;
    if (n >= 4 && s[n - 4] === "e" && s[n - 3] === "-" && s[n - 2] === "0")
      s = s.slice(0, n - 2) + s.slice(n - 1);
  }
  return s;
}

function encode(v: unknown, indent: string, level: number, escapeHtml: boolean): string {
  const nl = indent === "" ? "" : "\n" + indent.repeat(level + 1);
  const close = indent === "" ? "" : "\n" + indent.repeat(level);
  switch (kindOf(v)) {
    case "invalid":
      return "null";
    case "bool":
      return v ? "true" : "false";
    case "string":
      return quoteJson(v as string, escapeHtml);
    case "int":
      return String(v);
    case "int64":
    case "uint64":
      return (v as Int64 | Uint64).value.toString();
    case "float64":
      return jsonFloat(toJsNumber(v));
    case "slice": {
      const a = v as unknown[];
      if (isNilSlice(a)) return "null";
      if (a.length === 0) return "[]";
      return (
        "[" + a.map((x) => nl + encode(x, indent, level + 1, escapeHtml)).join(",") + close + "]"
      );
    }
    case "map": {
      const m = v as Map<string, unknown>;
      if (m.size === 0) return "{}";
      const sep = indent === "" ? ":" : ": ";
      return (
        "{" +
        sortedKeys(m)
          .map(
            (k) =>
              nl + quoteJson(k, escapeHtml) + sep + encode(m.get(k), indent, level + 1, escapeHtml),
          )
          .join(",") +
        close +
        "}"
      );
    }
    case "struct": {
      const s = v as GoStruct;
      if (s.text !== undefined) return quoteJson(s.text, escapeHtml);
      const sep = indent === "" ? ":" : ": ";
      const parts = [...s.fields].map(
        ([k, x]) => nl + quoteJson(k, escapeHtml) + sep + encode(x, indent, level + 1, escapeHtml),
      );
      return parts.length === 0 ? "{}" : "{" + parts.join(",") + close + "}";
    }
    default:
      throw new UnsupportedValue(
        "json: unsupported type: func(...interface {}) (interface {}, error)",
      );
  }
}

/** json.Marshal (or MarshalIndent with two spaces); "" on an unsupported value, as Sprig does. */
export function marshalJson(v: unknown, pretty: boolean): string {
  try {
    return encode(v, pretty ? "  " : "", 0, true);
  } catch (e) {
    if (e instanceof UnsupportedValue) return "";
    throw e;
  }
}

/** json.Marshal (or MarshalIndent) returning Go's error (mustToJson, mustToPrettyJson). */
export function marshalJsonOrError(v: unknown, pretty: boolean): string {
  try {
    return encode(v, pretty ? "  " : "", 0, true);
  } catch (e) {
    if (e instanceof UnsupportedValue) throw new FuncError(e.message);
    throw e;
  }
}

/** json.Encoder with SetEscapeHTML(false), trailing newline trimmed (Sprig's toRawJson). */
export function marshalJsonRaw(v: unknown): string {
  try {
    return encode(v, "", 0, false);
  } catch (e) {
    if (e instanceof UnsupportedValue) throw new FuncError(e.message);
    throw e;
  }
}

/** json.Unmarshal into interface{}: numbers become float64; invalid JSON gives nil (fromJson). */
export function unmarshalJson(text: string): unknown {
  return jsonSyntaxError(text) === null ? fromJs(JSON.parse(text)) : null;
}

/** json.Unmarshal returning Go's syntax error (mustFromJson). */
export function unmarshalJsonOrError(text: string): unknown {
  const error = jsonSyntaxError(text);
  if (error !== null) throw new FuncError(error);
  return fromJs(JSON.parse(text));
}

function fromJs(v: unknown): unknown {
  if (v === null) return null;
  if (typeof v === "number") return goFloat(v);
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return v.map(fromJs);
  const m = new Map<string, unknown>();
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) m.set(k, fromJs(x));
  return m;
}
