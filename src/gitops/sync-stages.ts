import type { K8sObject } from "../compile/emit-object.js";

/**
 * The order a real sync needs: Namespaces first (everything else lives in them), then what
 * workloads read at start-up (config, secrets, volumes, their service accounts and roles),
 * then the workloads. The numbers are Argo CD sync waves; Flux gets the same order from
 * `dependsOn` between sync units and applies Namespaces first within a unit on its own.
 */
export const OBJECT_STAGES = { namespace: -2, config: -1, workload: 0 } as const;

export type ObjectStage = keyof typeof OBJECT_STAGES;

/** Kinds a workload reads or runs as; every other namespaced kind is a workload. */
const CONFIG_KINDS = new Set([
  "ConfigMap",
  "Secret",
  "ExternalSecret",
  "PersistentVolumeClaim",
  "ServiceAccount",
  "Role",
  "RoleBinding",
  "ClusterRole",
  "ClusterRoleBinding",
]);

/** Where an object of this kind goes in the sync order. */
export function stageOf(kind: string): ObjectStage {
  if (kind === "Namespace") return "namespace";
  return CONFIG_KINDS.has(kind) ? "config" : "workload";
}

/** Argo CD's annotation for the wave an object is applied in. */
export const SYNC_WAVE = "argocd.argoproj.io/sync-wave";

/** A copy of the object with its sync wave; the original may be shared by other clusters. */
export function withSyncWave(object: K8sObject): K8sObject {
  const wave = String(OBJECT_STAGES[stageOf(object.kind)]);
  const annotations = { ...object.metadata.annotations, [SYNC_WAVE]: wave };
  return { ...object, metadata: { ...object.metadata, annotations } };
}
