import { isMap, isPair, isScalar, isSeq, type Node } from "yaml";
import type { SourceRange } from "../diagnostics/diagnostic.js";
import { nodeAtPath, rangeAtPath } from "../parse/node-at-path.js";
import type { NodePath, ParsedDocument } from "../parse/types.js";

/**
 * The range of the first scalar equal to `value` under a path, falling back to the path itself.
 * jq returns values, not paths; this puts an address diagnostic on the line that wrote it.
 */
export function rangeOfScalar(source: ParsedDocument, under: NodePath, value: string): SourceRange {
  const stack: unknown[] = [nodeAtPath(source.doc, under)];
  while (stack.length > 0) {
    const node = stack.shift();
    if (isScalar(node) && node.value === value && node.range) {
      return { start: node.range[0], end: node.range[1] };
    }
    if (isMap(node) || isSeq(node)) stack.push(...node.items);
    else if (isPair(node)) stack.push(node.value as Node);
  }
  return rangeAtPath(source, under);
}
