import type { K8sObject } from "../../compile/emit-object.js";
import type { ClusterConfig } from "../../config/cluster-types.js";
import type { SyncUnit } from "../sync-units.js";

/** What stackyard writes for one GitOps engine: a plain object in ENGINES (engines/index.ts). */
export interface GitOpsEngineModule {
  /** `out/<cluster>/bootstrap/`: the objects that make the engine sync the cluster's units. */
  bootstrap(cluster: ClusterConfig, units: readonly SyncUnit[]): K8sObject[];
  /** An object of the cluster as this engine needs it in out/ (never mutates the input). */
  prepareObject(object: K8sObject): K8sObject;
}

/** Labels of every bootstrap object. `instance` is left alone: Argo CD may track with it. */
export function bootstrapLabels(cluster: ClusterConfig): Record<string, string> {
  return { "app.kubernetes.io/managed-by": "stackyard", "app.kubernetes.io/part-of": cluster.name };
}

/** A unit's folder as the engine finds it in the git repository. */
export function repoPath(cluster: ClusterConfig, folder: string): string {
  const inside = folder.split("/").slice(1);
  return [cluster.path, ...inside].join("/");
}

/** The bootstrap folder of the cluster, relative to its own folder. */
export const BOOTSTRAP_FOLDER = "bootstrap";
