/** yaml.v2's implicit scalar resolution (resolve.go): what a plain scalar means. */
import { parseGoFloat, parseIntBase0 } from "../number-literal.js";

export type ResolvedTag = "str" | "bool" | "null" | "int" | "float" | "timestamp" | "merge";

const RESOLVE_MAP: Record<string, [ResolvedTag, unknown]> = {};
const add = (tag: ResolvedTag, value: unknown, words: string[]): void => {
  for (const w of words) RESOLVE_MAP[w] = [tag, value];
};
add("bool", true, ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]);
add("bool", false, ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]);
add("null", null, ["", "~", "null", "Null", "NULL"]);
add("float", NaN, [".nan", ".NaN", ".NAN"]);
add("float", Infinity, [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]);
add("float", -Infinity, ["-.inf", "-.Inf", "-.INF"]);
add("merge", "<<", ["<<"]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** yaml.v2's isBase60Float: such strings are quoted on output for YAML 1.1 readers. */
export function isBase60Float(s: string): boolean {
  if (s === "") return false;
  const c = s[0]!;
  if (!(c === "+" || c === "-" || (c >= "0" && c <= "9")) || !s.includes(":")) return false;
  return BASE60_FLOAT.test(s);
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** yaml.v2's parseTimestamp with its four accepted layouts. */
function isTimestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?)?$/.exec(
      s,
    );
  if (m === null) return false;
  if (!validDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  if (m[4] === undefined) return true;
  if (Number(m[5]) > 23 || Number(m[6]) > 59 || Number(m[7]) > 59) return false;
  if (m[4] === " ") return m[9] === undefined;
  return m[9] !== undefined;
}

/** Resolves an untagged plain scalar to its tag and value (int as bigint, float as number). */
export function resolvePlain(s: string): [ResolvedTag, unknown] {
  const known = RESOLVE_MAP[s];
  if (known !== undefined) return known;
  const c = s[0] ?? "";
  if (c === ".") {
    const f = parseGoFloat(s);
    if (f !== null) return ["float", f];
  } else if (c === "+" || c === "-" || (c >= "0" && c <= "9")) {
    if (isTimestamp(s)) return ["timestamp", s];
    const plain = s.replace(/_/g, "");
    const i = parseIntBase0(plain);
    if (i !== null && i >= -(2n ** 63n) && i < 2n ** 64n) return ["int", i];
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = parseGoFloat(plain);
      if (f !== null) return ["float", f];
    }
    const bin = /^(-?)0b([01]+)$/.exec(plain);
    if (bin !== null)
      return ["int", BigInt.asIntN(64, (bin[1] === "-" ? -1n : 1n) * BigInt("0b" + bin[2]))];
  }
  return ["str", s];
}
