import type { OutputFile } from "../emit/types.js";
import { objectsByKey } from "./collect-objects.js";
import { findRenames } from "./find-renames.js";
import { displayText } from "./redact-secrets.js";
import type { DiffObject, ObjectChange } from "./types.js";
import { unifiedHunks } from "./unified-diff.js";

/** The objects that differ between two builds, and how many are the same. */
export interface ObjectComparison {
  changes: ObjectChange[];
  unchanged: number;
}

/**
 * Compares two builds object by object. Files with the same path and bytes are counted as
 * unchanged without being parsed (most of a large repository, for a small change); the rest
 * are keyed by cluster, apiVersion, kind, namespace and name.
 */
export function compareObjects(
  base: readonly OutputFile[],
  head: readonly OutputFile[],
): ObjectComparison {
  const headByPath = new Map(head.map((f) => [f.path, f.content]));
  const samePath = new Set(
    base.filter((f) => headByPath.get(f.path) === f.content).map((f) => f.path),
  );
  const unchangedFiles = base.filter((f) => samePath.has(f.path) && f.source !== undefined).length;
  const baseObjects = objectsByKey(base.filter((f) => !samePath.has(f.path)));
  const headObjects = objectsByKey(head.filter((f) => !samePath.has(f.path)));
  const changes: ObjectChange[] = [];
  let unchanged = unchangedFiles;
  for (const [key, b] of baseObjects) {
    const h = headObjects.get(key);
    if (h === undefined) continue;
    if (h.text === b.text) unchanged++;
    else changes.push(change("changed", b, h));
  }
  const removed = [...baseObjects.values()].filter((o) => !headObjects.has(o.key));
  const added = [...headObjects.values()].filter((o) => !baseObjects.has(o.key));
  const renames = findRenames(removed, added);
  const paired = new Set(renames.flatMap((r) => [r.removed.key, r.added.key]));
  changes.push(...renames.map((r) => change("renamed", r.removed, r.added)));
  changes.push(
    ...removed.filter((o) => !paired.has(o.key)).map((o) => change("removed", o, undefined)),
  );
  changes.push(
    ...added.filter((o) => !paired.has(o.key)).map((o) => change("added", undefined, o)),
  );
  return { changes, unchanged };
}

function change(
  status: ObjectChange["status"],
  base: DiffObject | undefined,
  head: DiffObject | undefined,
): ObjectChange {
  const shown = (head ?? base)!;
  const before = base === undefined ? "" : displayText(base, head, "base");
  const after = head === undefined ? "" : displayText(head, base, "head");
  const result: ObjectChange = {
    status,
    cluster: shown.cluster,
    apiVersion: shown.apiVersion,
    kind: shown.kind,
    namespace: shown.namespace,
    name: shown.name,
    hunks: unifiedHunks(before, after),
  };
  if (status === "renamed" && base !== undefined)
    result.previousName =
      base.namespace === shown.namespace ? base.name : `${base.namespace}/${base.name}`;
  if (base !== undefined) result.base = base;
  if (head !== undefined) result.head = head;
  return result;
}
