/**
 * Decides whether the comment lines inside a document leave `yaml`'s node ranges alone, so the
 * fast composer may keep a document that has them.
 *
 * `yaml` hangs a comment line on the innermost block collection open where it stands. One
 * indented deeper than that collection joins the end of the value before it, which stretches
 * that value's range. When collections close after it, the comment moves out to the parent
 * only if it is indented less than the closing collection (or that collection is at column 0);
 * a comment left behind becomes the collection's trailing comment and stretches its range. A
 * comment that ends up before a key or an item only becomes `commentBefore`, which no stage
 * reads. Anything this file does not recognise counts as unsafe.
 */
import {
  isMap,
  isScalar,
  isSeq,
  type Document,
  type ParsedNode,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";

type BlockCollection = YAMLMap.Parsed | YAMLSeq.Parsed;

/** A node the parser reads as one token, with the block collections that enclose it. */
interface Leaf {
  start: number;
  end: number;
  chain: readonly BlockCollection[];
  /** A key followed by a block collection, or by a scalar; otherwise a value or an item. */
  kind: "keyOfBlock" | "key" | "scalar" | "flow";
}

/** True when every comment line after `from` keeps the documents' ranges as composed. */
export function commentLinesAreSafe(
  text: string,
  docs: readonly Document.Parsed[],
  from: number,
): boolean {
  const leavesOf = new Map<Document.Parsed, Leaf[]>();
  const commentLine = /(?:^|\n)( *)#/g;
  commentLine.lastIndex = from;
  for (let m = commentLine.exec(text); m !== null; m = commentLine.exec(text)) {
    const at = m.index + m[0].length - 1;
    const doc = docs.findLast((d) => d.range[0] <= at);
    if (doc === undefined) continue; // before the first document: its leading comment
    let leaves = leavesOf.get(doc);
    if (leaves === undefined) {
      leaves = [];
      collectLeaves(doc.contents, [], leaves);
      leavesOf.set(doc, leaves);
    }
    if (!commentIsSafe(text, leaves, at, m[1]!.length)) return false;
  }
  return true;
}

function commentIsSafe(text: string, leaves: readonly Leaf[], at: number, column: number): boolean {
  let index = leaves.findIndex((leaf) => leaf.start > at);
  if (index === -1) index = leaves.length;
  const previous = leaves[index - 1];
  if (previous === undefined) return false;
  if (at < previous.end) return previous.kind === "scalar"; // a `#` line inside a scalar's text
  if (previous.kind === "keyOfBlock") return true; // goes before the collection's first item
  if (previous.kind === "key") return false;
  const innermost = previous.chain[previous.chain.length - 1];
  if (innermost === undefined || column > indentOf(text, innermost)) return false;
  const next = leaves[index]?.chain ?? [];
  for (let i = previous.chain.length - 1; i >= 0 && previous.chain[i] !== next[i]; i--) {
    const indent = indentOf(text, previous.chain[i]!);
    if (indent !== 0 && column >= indent) return false;
  }
  return true;
}

/** The column a block collection's keys or dashes stand at. */
function indentOf(text: string, node: BlockCollection): number {
  const start = node.range[0];
  return start - (text.lastIndexOf("\n", start - 1) + 1);
}

function collectLeaves(node: ParsedNode | null, chain: BlockCollection[], out: Leaf[]): void {
  if (node === null) return;
  if (isScalar(node) || ((isMap(node) || isSeq(node)) && node.flow === true)) {
    const kind = isScalar(node) ? "scalar" : "flow";
    out.push({ start: node.range[0], end: node.range[1], chain: [...chain], kind });
    return;
  }
  chain.push(node as BlockCollection);
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as ParsedNode;
      const value = pair.value as ParsedNode | null;
      const block = (isMap(value) || isSeq(value)) && value.flow !== true;
      out.push({
        start: key.range[0],
        end: key.range[1],
        chain: [...chain],
        kind: block ? "keyOfBlock" : "key",
      });
      collectLeaves(value, chain, out);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) collectLeaves(item as ParsedNode, chain, out);
  }
  chain.pop();
}
