/**
 * Strict structural equality for parsed YAML: numbers by Object.is (so -0, NaN and Infinity
 * count), plain objects by prototype and key order (order reaches output bytes), arrays by
 * element. Returns where the two differ, or undefined when they are the same.
 */
export function valueDifference(a: unknown, b: unknown, at = "$"): string | undefined {
  if (typeof a !== typeof b) return `${at}: ${show(a)} vs ${show(b)}`;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    return Object.is(a, b) ? undefined : `${at}: ${show(a)} vs ${show(b)}`;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${at}: prototypes differ`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${at}: lengths ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = valueDifference(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  const ka = Reflect.ownKeys(a);
  const kb = Reflect.ownKeys(b);
  if (ka.join("\u0000") !== kb.join("\u0000")) {
    return `${at}: keys ${JSON.stringify(ka.map(String))} vs ${JSON.stringify(kb.map(String))}`;
  }
  for (const k of ka) {
    const d = valueDifference(
      (a as Record<PropertyKey, unknown>)[k],
      (b as Record<PropertyKey, unknown>)[k],
      `${at}.${String(k)}`,
    );
    if (d) return d;
  }
  return undefined;
}

function show(v: unknown): string {
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  return typeof v === "object" ? (Array.isArray(v) ? "array" : String(v)) : String(v);
}
