import { commentSlot } from "./comment-bodies.js";

/** A comment already on the pull request. */
export interface ExistingComment {
  id: number;
  body: string;
}

/** One request that brings the pull request's comments to the wanted state. */
export type CommentOp =
  | { op: "create"; slot: number; body: string }
  | { op: "update"; slot: number; id: number; body: string }
  | { op: "delete"; slot: number; id: number };

/**
 * The requests that turn stackyard's existing comments into `wanted` (slot 0 the summary, then
 * the parts): update a slot's comment when its body differs, create a missing one, delete parts
 * no longer needed and duplicates of a slot. Comments without a marker are never touched.
 */
export function reconcile(
  existing: readonly ExistingComment[],
  wanted: readonly string[],
): CommentOp[] {
  const bySlot = new Map<number, ExistingComment[]>();
  for (const c of existing) {
    const slot = commentSlot(c.body);
    if (slot !== undefined) bySlot.set(slot, [...(bySlot.get(slot) ?? []), c]);
  }
  const ops: CommentOp[] = [];
  wanted.forEach((body, slot) => {
    const [first, ...extra] = bySlot.get(slot) ?? [];
    if (first === undefined) ops.push({ op: "create", slot, body });
    else if (first.body !== body) ops.push({ op: "update", slot, id: first.id, body });
    for (const dup of extra) ops.push({ op: "delete", slot, id: dup.id });
  });
  const stale = [...bySlot].filter(([slot]) => slot >= wanted.length).sort(([a], [b]) => a - b);
  for (const [slot, comments] of stale)
    for (const c of comments) ops.push({ op: "delete", slot, id: c.id });
  return ops;
}
