import { createLineIndex, type LineIndex } from "../diagnostics/line-index.js";
import { rangeAtPath } from "../parse/node-at-path.js";
import type { Origin } from "../validate/types.js";

const indexes = new WeakMap<object, LineIndex>();

/** The 1-based line where a resource's document (or the value at its origin path) starts. */
export function sourceLine(origin: Origin): number {
  const { source } = origin;
  // Keyed by the parsed document: its text is shared by every resource of the file.
  let index = indexes.get(source.doc);
  if (index === undefined) {
    index = createLineIndex(source.text);
    indexes.set(source.doc, index);
  }
  return index.position(rangeAtPath(source, origin.path).start).line;
}
