import { isMap, isScalar, isSeq, type Document, type Node } from "yaml";
import type { SourceRange } from "../diagnostics/diagnostic.js";

/** A path into the config document: mapping keys and sequence indexes. */
export type ConfigPath = ReadonlyArray<string | number>;

/**
 * The source range to underline for a path in stackyard.yaml: the value's node, or with
 * part "key" the key of the last step (where an unknown key is). When the path does not exist
 * — a required key is missing — the nearest existing ancestor's key is used instead, so the
 * caret lands on the mapping that lacks it rather than on its whole body.
 */
export function nodeRangeAt(
  doc: Document,
  path: ConfigPath,
  part: "key" | "value" = "value",
): SourceRange {
  let node: unknown = doc.contents;
  let lastKey: Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    const next = child(node, step);
    if (next === undefined) return rangeOf(lastKey ?? node);
    const isLast = i === path.length - 1;
    if (isLast && part === "key" && next.key !== undefined) return rangeOf(next.key);
    node = next.value;
    lastKey = next.key ?? lastKey;
  }
  // A key without a value (`roots:`) has a null node without a range: point at the key.
  return rangeOf(rangeless(node) ? lastKey : node);
}

function child(node: unknown, step: string | number): { key?: Node; value: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
    return pair === undefined ? undefined : { key: pair.key as Node, value: pair.value };
  }
  if (isSeq(node)) {
    const index = Number(step);
    return Number.isInteger(index) && index < node.items.length
      ? { value: node.items[index] }
      : undefined;
  }
  return undefined;
}

function rangeless(node: unknown): boolean {
  return (node as Node | null | undefined)?.range == null;
}

function rangeOf(node: unknown): SourceRange {
  const r = (node as Node | null | undefined)?.range;
  if (!r) return { start: 0, end: 1 };
  return { start: r[0], end: Math.max(r[1], r[0] + 1) };
}
