import fc from "fast-check";

/** Leaf values a mutation writes: every JSON type, plus near-misses of real values. */
export const mutationLeaf = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.string(),
  fc.constantFrom("v1", "v1beta", "servcie", "replicas", "-bad name-", "/path", "Exact"),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);

/** Up to four edits: which path to pick, the value to write there, a key to add. */
export const mutationEdits = fc.array(fc.tuple(fc.nat(), mutationLeaf, fc.string()), {
  minLength: 1,
  maxLength: 4,
});

/** Replaces the value at a pseudo-random path of `doc` (or adds a key there). */
export function mutate(
  doc: Record<string, unknown>,
  pick: number,
  value: unknown,
  newKey: string,
): void {
  let node: Record<string, unknown> | unknown[] = doc;
  for (let depth = 0; ; depth++) {
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) return;
    const key = keys[(pick >> depth) % keys.length]!;
    const child = (node as Record<string | number, unknown>)[key];
    const stop =
      depth > 3 || child === null || typeof child !== "object" || (pick >> (depth + 8)) % 3 === 0;
    if (stop) {
      if (!Array.isArray(node) && pick % 5 === 0) node[newKey] = value;
      else (node as Record<string | number, unknown>)[key] = value;
      return;
    }
    node = child as Record<string, unknown> | unknown[];
  }
}
