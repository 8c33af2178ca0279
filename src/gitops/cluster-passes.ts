import type { ClusterConfig } from "../config/cluster-types.js";
import type { StackyardConfig } from "../config/types.js";
import { overridePass, type OverridePass } from "./apply-overrides.js";

/** One compile of the repository, and the clusters that take their objects from it. */
export interface ClusterPass {
  /** The config to compile with: the cluster's `ingress:` settings merged in. */
  config: StackyardConfig;
  clusters: ClusterConfig[];
  /** The cluster's overrides, applied while loading; absent for the shared pass. */
  overrides?: OverridePass;
}

/**
 * Groups the clusters (or those named in `only`) by what their compile needs. Clusters
 * without overrides or ingress settings share one compile; each other cluster gets its own,
 * because its overrides change the documents before validation.
 */
export function clusterPasses(config: StackyardConfig, only?: readonly string[]): ClusterPass[] {
  const wanted =
    only === undefined ? config.clusters : config.clusters.filter((c) => only.includes(c.name));
  const plain = wanted.filter((c) => !customized(c));
  const passes: ClusterPass[] = plain.length > 0 ? [{ config, clusters: plain }] : [];
  for (const cluster of wanted.filter(customized)) {
    passes.push({
      config: { ...config, ingress: { ...config.ingress, ...cluster.ingress } },
      clusters: [cluster],
      overrides:
        cluster.overrides.length > 0 ? overridePass(cluster, config.defaultWorkspace) : undefined,
    });
  }
  return passes;
}

function customized(cluster: ClusterConfig): boolean {
  return cluster.overrides.length > 0 || Object.keys(cluster.ingress).length > 0;
}
