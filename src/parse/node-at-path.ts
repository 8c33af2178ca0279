import { isMap, isSeq, isScalar, isPair, type Document, type Node, type Pair } from "yaml";
import type { SourceRange } from "../diagnostics/diagnostic.js";
import type { NodePath, ParsedDocument } from "./types.js";

/** The node at a path, or undefined when some step is missing. */
export function nodeAtPath(doc: Document, path: NodePath): Node | undefined {
  let node: unknown = doc.contents;
  for (const step of path) {
    const next = childOf(node, step);
    if (next === undefined) return undefined;
    node = next.value;
  }
  return (node ?? undefined) as Node | undefined;
}

/** The pair holding the last step of a path inside a mapping, or undefined. */
export function pairAtPath(doc: Document, path: NodePath): Pair<Node, Node> | undefined {
  if (path.length === 0) return undefined;
  const parent = nodeAtPath(doc, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (!isMap(parent)) return undefined;
  return parent.items.find((p) => isPair(p) && keyText(p.key) === String(last)) as
    Pair<Node, Node> | undefined;
}

/**
 * The best source range for a path: the value's node if it exists, else the nearest existing
 * ancestor's key (so "missing field" errors point at the mapping that lacks it).
 */
export function rangeAtPath(
  source: ParsedDocument,
  path: NodePath,
  part: "value" | "key" = "value",
): SourceRange {
  const { doc, text } = source;
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n);
    if (part === "key" && n === path.length && n > 0) {
      const pair = pairAtPath(doc, sub);
      const keyRange = rangeOfNode(pair?.key);
      if (keyRange) return keyRange;
    }
    const node = nodeAtPath(doc, sub);
    if (node !== undefined) {
      // For a missing child, point at the key of the mapping that should hold it.
      if (n < path.length && n > 0) {
        const keyRange = rangeOfNode(pairAtPath(doc, sub)?.key);
        if (keyRange) return keyRange;
      }
      const r = rangeOfNode(node);
      if (r) return n < path.length ? firstLineOf(text, r) : r;
    }
  }
  return { start: 0, end: 1 };
}

/** The text of a scalar key, as the compiler sees it. */
export function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

function childOf(node: unknown, step: string | number): { value: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => keyText(p.key) === String(step));
    return pair ? { value: pair.value } : undefined;
  }
  if (isSeq(node) && typeof step === "number") {
    return step < node.items.length ? { value: node.items[step] } : undefined;
  }
  return undefined;
}

function rangeOfNode(node: unknown): SourceRange | undefined {
  const r = (node as Node | undefined)?.range;
  if (!r) return undefined;
  return { start: r[0], end: Math.max(r[1], r[0] + 1) };
}

/** A whole mapping is an unhelpful underline: keep only its first line. */
function firstLineOf(text: string, r: SourceRange): SourceRange {
  const nl = text.indexOf("\n", r.start);
  return nl === -1 || nl > r.end ? r : { start: r.start, end: Math.max(nl, r.start + 1) };
}
