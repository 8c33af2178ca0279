import type { ObjectChange, ResourceGroup } from "./types.js";

/**
 * Groups changes by the resource that produced them (the head's, or the base's for a removed
 * object), sorted by file, line and resource; objects within a group by cluster, kind,
 * namespace and name.
 */
export function groupByResource(changes: readonly ObjectChange[]): ResourceGroup[] {
  const groups = new Map<string, ResourceGroup>();
  for (const change of sortChanges(changes)) {
    const source = (change.head ?? change.base)!.source;
    const group = groups.get(source.resourceId) ?? {
      resourceId: source.resourceId,
      file: source.file,
      line: source.line,
      changes: [],
    };
    group.changes.push(change);
    groups.set(source.resourceId, group);
  }
  return [...groups.values()].sort(
    (a, b) => cmp(a.file, b.file) || a.line - b.line || cmp(a.resourceId, b.resourceId),
  );
}

/** Changes in a stable order: cluster, kind, namespace, name. */
export function sortChanges(changes: readonly ObjectChange[]): ObjectChange[] {
  return [...changes].sort(
    (a, b) =>
      cmp(a.cluster, b.cluster) ||
      cmp(a.kind, b.kind) ||
      cmp(a.namespace, b.namespace) ||
      cmp(a.name, b.name) ||
      cmp(a.status, b.status),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
