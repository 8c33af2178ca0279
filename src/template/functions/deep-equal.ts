/** reflect.DeepEqual over the data model (used by uniq, has and without). */
import { GoFloat, GoStruct, Int64, Uint64, goTypeName } from "../values.js";

/** True when two values have the same Go type and deeply equal contents. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (goTypeName(a) !== goTypeName(b)) return false;
  if (a instanceof GoFloat || b instanceof GoFloat || typeof a === "number") {
    const x = a instanceof GoFloat ? a.value : (a as number);
    const y = b instanceof GoFloat ? b.value : (b as number);
    return x === y;
  }
  if (a instanceof Int64 || a instanceof Uint64) return a.value === (b as Int64 | Uint64).value;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  if (a instanceof Map) {
    const bb = b as Map<string, unknown>;
    if (a.size !== bb.size) return false;
    for (const [k, v] of a) if (!bb.has(k) || !deepEqual(v, bb.get(k))) return false;
    return true;
  }
  if (a instanceof GoStruct) {
    const bb = b as GoStruct;
    if (a.text !== bb.text) return false;
    for (const [k, v] of a.fields) if (!deepEqual(v, bb.fields.get(k))) return false;
    return true;
  }
  return a === b;
}
