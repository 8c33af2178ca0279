import type { EmitObject } from "../compile/emit-object.js";
import type { ClusterConfig } from "../config/cluster-types.js";

/**
 * The objects a cluster runs: those of its workspaces. A cluster-scoped object (no
 * workspace) goes where the workspace of the resource that made it goes.
 */
export function selectObjects(
  objects: readonly EmitObject[],
  cluster: ClusterConfig,
): EmitObject[] {
  const { workspaces } = cluster;
  if (workspaces === "all") return [...objects];
  const runs = new Set(workspaces);
  return objects.filter((o) => runs.has(o.workspace === "" ? resourceWorkspace(o) : o.workspace));
}

/** The last part of a resource id, `type:version:name:workspace`. */
function resourceWorkspace(o: EmitObject): string {
  return o.source.resourceId.split(":").pop() ?? "";
}
