import type { ClusterConfig } from "../config/cluster-types.js";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { nodeAtPath, rangeAtPath } from "../parse/node-at-path.js";
import { inWorkspace } from "../validate/instance-level.js";
import type { Resource } from "../validate/types.js";

/**
 * A warning for each workspace that has resources but that no cluster runs: its objects are in
 * no cluster's folder of out/, so a GitOps engine that synced them before prunes them, and
 * nothing else would say so. Given once, at the `workspace:` (or, when it is left to
 * `defaultWorkspace`, the `name:`) of the workspace's first resource, by file and position, with
 * a note at each cluster's `workspaces:`. The reverse, a listed workspace no resource is in, is
 * unknownWorkspaces'.
 */
export function unrunWorkspaces(
  clusters: readonly ClusterConfig[],
  resources: readonly Resource[],
): Diagnostic[] {
  if (clusters.length === 0 || clusters.some((c) => c.workspaces === "all")) return [];
  const run = new Set(clusters.flatMap((c) => c.workspaces as string[]));
  const byWorkspace = new Map<string, Resource[]>();
  for (const r of resources) {
    if (!inWorkspace(r.meta.type) || run.has(r.meta.workspace)) continue;
    const members = byWorkspace.get(r.meta.workspace);
    if (members === undefined) byWorkspace.set(r.meta.workspace, [r]);
    else members.push(r);
  }
  const runs = clusters
    .map((c) => `${c.name} runs ${(c.workspaces as string[]).join(", ") || "none"}`)
    .join("; ");
  const related = clusters.flatMap((c) => {
    const first = c.workspacesAt?.[0];
    return first === undefined
      ? []
      : [{ file: first.file, range: first.range, message: `cluster ${c.name}'s workspaces` }];
  });
  const out: Diagnostic[] = [];
  for (const [workspace, members] of [...byWorkspace].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const first = members.reduce((a, b) => (before(b, a) ? b : a));
    const { source } = first.origin;
    const key = nodeAtPath(source.doc, [...first.origin.path, "workspace"]) ? "workspace" : "name";
    const count = members.length === 1 ? "1 resource" : `${members.length} resources`;
    out.push(
      diag(
        "CONFIG_INVALID",
        `workspace ${workspace} has ${count}, but no cluster runs it: none of them is in out/, and a GitOps engine prunes what it synced of them`,
        { file: source.file, range: rangeAtPath(source, [...first.origin.path, key]) },
        {
          severity: "warning",
          hint: `add ${workspace} to the workspaces: of a cluster in stackyard.yaml (${runs}), or move the resources to a workspace a cluster runs`,
          related,
        },
      ),
    );
  }
  return out;
}

/** Whether `a` is written before `b`: by file, then offset in it. */
function before(a: Resource, b: Resource): boolean {
  const [x, y] = [a.origin.source.file, b.origin.source.file];
  if (x !== y) return x < y;
  return (
    rangeAtPath(a.origin.source, a.origin.path).start <
    rangeAtPath(b.origin.source, b.origin.path).start
  );
}
