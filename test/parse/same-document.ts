import { isMap, isPair, isScalar, isSeq, type Document } from "yaml";

/** What no stage reads, so the fast composer may leave it out (see src/parse/fast-compose.ts). */
const UNREAD = new Set(["comment", "commentBefore", "spaceBefore"]);

/**
 * Everything the pipeline reads of parsed documents, as plain data that `toEqual` can compare
 * in order: each node's class, own properties (range, type, source, flow, format, value…),
 * each document's range, directives, options, errors and warnings, and `toJS()` with its key
 * order.
 */
export function describeDocuments(docs: readonly Document.Parsed[]): unknown {
  return docs.map((doc) => ({
    range: doc.range,
    directives: { ...doc.directives },
    // The composer's private handle on the stream's directives is the one option left out.
    options: { ...doc.options, _directives: undefined },
    errors: doc.errors.map((e) => [e.code, e.pos, e.message]),
    warnings: doc.warnings.map((e) => [e.code, e.pos, e.message]),
    ownKeys: Object.keys(doc).filter((k) => !UNREAD.has(k)),
    contents: describeNode(doc.contents),
    js: ordered(doc.toJS({ maxAliasCount: 100 })),
  }));
}

function describeNode(node: unknown): unknown {
  if (node === null || node === undefined) return node;
  if (isPair(node)) {
    return { class: "Pair", key: describeNode(node.key), value: describeNode(node.value) };
  }
  const out: Record<string, unknown> = { class: (node as object).constructor.name };
  for (const [k, v] of Object.entries(node as object)) {
    if (UNREAD.has(k)) continue;
    if (k === "items") out.items = (v as unknown[]).map(describeNode);
    else out[k] = isScalar(node) && k === "value" ? ordered(v) : v;
  }
  if (isMap(node) || isSeq(node)) out.flow = node.flow;
  return out;
}

/** A value with its key order, NaN, -0, dates and class names made visible to `toEqual`. */
function ordered(value: unknown): unknown {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (value instanceof Date) return ["Date", value.toISOString()];
  if (Array.isArray(value)) return value.map(ordered);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).map(([k, v]) => [k, ordered(v)]);
  }
  return value;
}
