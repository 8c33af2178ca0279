import type { K8sObject } from "../../compile/emit-object.js";
import type { ClusterConfig } from "../../config/cluster-types.js";
import { SYNC_WAVE, withSyncWave } from "../sync-stages.js";
import { UNIT_ORDER, type SyncUnit } from "../sync-units.js";
import { BOOTSTRAP_FOLDER, bootstrapLabels, repoPath, type GitOpsEngineModule } from "./engine.js";

const API = "argoproj.io/v1alpha1";
/** Deleting an Application deletes its objects: a workspace removed from git leaves the cluster. */
const CASCADE = "resources-finalizer.argocd.argoproj.io";
/** Projects before the Applications that name them. */
const PROJECT_WAVE = { [SYNC_WAVE]: "-1" };

/**
 * Argo CD: an AppProject restricted to the cluster's namespaces and the kinds it emits, one
 * Application per sync unit ordered by sync waves, and a self-managing root Application (in a
 * project of its own that may only manage Applications and AppProjects) for the bootstrap folder.
 */
export const argocd: GitOpsEngineModule = {
  bootstrap(cluster, units) {
    return [
      project(cluster, units),
      bootstrapProject(cluster),
      rootApplication(cluster),
      ...units.map((u) => application(cluster, u)),
    ];
  },
  prepareObject: withSyncWave,
};

function meta(
  cluster: ClusterConfig,
  name: string,
  annotations?: Record<string, string>,
): K8sObject["metadata"] {
  const m: K8sObject["metadata"] = {
    name,
    namespace: cluster.namespace,
    labels: bootstrapLabels(cluster),
  };
  if (annotations !== undefined) m.annotations = annotations;
  return m;
}

function project(cluster: ClusterConfig, units: readonly SyncUnit[]): K8sObject {
  const namespaces = [...new Set(units.map((u) => u.workspace).filter((w) => w !== ""))].sort();
  const objects = units.flatMap((u) => u.objects);
  return {
    apiVersion: API,
    kind: "AppProject",
    metadata: meta(cluster, cluster.name, PROJECT_WAVE),
    spec: {
      sourceRepos: [cluster.repoURL],
      destinations: namespaces.map((namespace) => ({ server: cluster.server, namespace })),
      clusterResourceWhitelist: groupKinds(
        objects.filter((o) => o.metadata.namespace === undefined),
      ),
      namespaceResourceWhitelist: groupKinds(
        objects.filter((o) => o.metadata.namespace !== undefined),
      ),
    },
  };
}

function bootstrapProject(cluster: ClusterConfig): K8sObject {
  return {
    apiVersion: API,
    kind: "AppProject",
    metadata: meta(cluster, `${cluster.name}-bootstrap`, PROJECT_WAVE),
    spec: {
      sourceRepos: [cluster.repoURL],
      destinations: [{ server: cluster.server, namespace: cluster.namespace }],
      clusterResourceWhitelist: [],
      namespaceResourceWhitelist: [
        { group: "argoproj.io", kind: "AppProject" },
        { group: "argoproj.io", kind: "Application" },
      ],
    },
  };
}

/** Manages the bootstrap folder, itself included; no finalizer, so deleting it deletes nothing. */
function rootApplication(cluster: ClusterConfig): K8sObject {
  return {
    apiVersion: API,
    kind: "Application",
    metadata: meta(cluster, `${cluster.name}-bootstrap`),
    spec: {
      project: `${cluster.name}-bootstrap`,
      source: {
        repoURL: cluster.repoURL,
        targetRevision: cluster.branch,
        path: `${cluster.path}/${BOOTSTRAP_FOLDER}`,
      },
      destination: { server: cluster.server, namespace: cluster.namespace },
      syncPolicy: syncPolicy(cluster),
    },
  };
}

function application(cluster: ClusterConfig, unit: SyncUnit): K8sObject {
  const destination: Record<string, string> = { server: cluster.server };
  if (unit.workspace !== "") destination.namespace = unit.workspace;
  return {
    apiVersion: API,
    kind: "Application",
    metadata: {
      ...meta(cluster, unit.name, { [SYNC_WAVE]: String(UNIT_ORDER[unit.role]) }),
      finalizers: [CASCADE],
    },
    spec: {
      project: cluster.name,
      source: {
        repoURL: cluster.repoURL,
        targetRevision: cluster.branch,
        path: repoPath(cluster, unit.folder),
      },
      destination,
      syncPolicy: syncPolicy(cluster),
    },
  };
}

/**
 * Automated sync when configured; pruning last, so replacements exist before the old objects
 * go; and retries, because a unit can sync before the unit it depends on is ready.
 */
function syncPolicy(cluster: ClusterConfig): Record<string, unknown> {
  const policy: Record<string, unknown> = {
    syncOptions: ["PruneLast=true"],
    retry: { limit: 5, backoff: { duration: "10s", factor: 2, maxDuration: "5m" } },
  };
  const { automated, prune, selfHeal } = cluster.argocd;
  if (automated) policy.automated = { prune, selfHeal };
  return policy;
}

/** The distinct API groups and kinds of the objects, sorted: what the project may manage. */
function groupKinds(objects: readonly K8sObject[]): Array<{ group: string; kind: string }> {
  const seen = new Map<string, { group: string; kind: string }>();
  for (const o of objects) {
    const group = o.apiVersion.includes("/") ? o.apiVersion.split("/")[0]! : "";
    seen.set(`${group}/${o.kind}`, { group, kind: o.kind });
  }
  return [...seen].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, gk]) => gk);
}
