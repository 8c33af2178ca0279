import type { K8sObject } from "../../compile/emit-object.js";
import type { ClusterConfig } from "../../config/cluster-types.js";
import type { SyncUnit } from "../sync-units.js";
import { BOOTSTRAP_FOLDER, bootstrapLabels, repoPath, type GitOpsEngineModule } from "./engine.js";

/** Kinds whose readiness Flux can judge, listed as health checks when `wait` is off. */
const HEALTH_CHECKED = new Set(["Deployment", "StatefulSet", "DaemonSet"]);

/**
 * Flux: a GitRepository for the cluster's branch, one Kustomization per sync unit ordered by
 * `dependsOn`, and a self-managing root Kustomization for the bootstrap folder. Flux labels
 * what it applies and prunes only objects of its own inventory, so objects need nothing extra.
 */
export const flux: GitOpsEngineModule = {
  bootstrap(cluster, units) {
    return [
      gitRepository(cluster),
      kustomization(cluster, `${cluster.name}-bootstrap`, `${cluster.path}/${BOOTSTRAP_FOLDER}`, {
        wait: false,
      }),
      ...units.map((u) => unitKustomization(cluster, u)),
    ];
  },
  prepareObject: (object) => object,
};

function gitRepository(cluster: ClusterConfig): K8sObject {
  const spec: Record<string, unknown> = {
    interval: cluster.flux.interval,
    url: cluster.repoURL,
    ref: { branch: cluster.branch },
  };
  if (cluster.flux.secretRef !== undefined) spec.secretRef = { name: cluster.flux.secretRef };
  return {
    apiVersion: "source.toolkit.fluxcd.io/v1",
    kind: "GitRepository",
    metadata: {
      name: cluster.name,
      namespace: cluster.namespace,
      labels: bootstrapLabels(cluster),
    },
    spec,
  };
}

function unitKustomization(cluster: ClusterConfig, unit: SyncUnit): K8sObject {
  const extra: Partial<Record<string, unknown>> = { wait: cluster.flux.wait };
  if (unit.dependsOn.length > 0) extra.dependsOn = unit.dependsOn.map((name) => ({ name }));
  // With wait on, Flux checks every object it applied; otherwise name the workloads.
  const checks = unit.objects.filter((o) => HEALTH_CHECKED.has(o.kind));
  if (!cluster.flux.wait && checks.length > 0) {
    extra.healthChecks = checks.map((o) => ({
      apiVersion: o.apiVersion,
      kind: o.kind,
      name: o.metadata.name,
      namespace: o.metadata.namespace,
    }));
  }
  return kustomization(cluster, unit.name, repoPath(cluster, unit.folder), extra);
}

function kustomization(
  cluster: ClusterConfig,
  name: string,
  path: string,
  extra: Record<string, unknown>,
): K8sObject {
  return {
    apiVersion: "kustomize.toolkit.fluxcd.io/v1",
    kind: "Kustomization",
    metadata: { name, namespace: cluster.namespace, labels: bootstrapLabels(cluster) },
    spec: {
      interval: cluster.flux.interval,
      // Flux reads paths relative to the repository root; `./` makes that explicit.
      path: `./${path}`,
      prune: cluster.flux.prune,
      sourceRef: { kind: "GitRepository", name: cluster.name },
      timeout: cluster.flux.timeout,
      ...extra,
    },
  };
}
