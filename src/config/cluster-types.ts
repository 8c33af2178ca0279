import type { SourceRange } from "../diagnostics/diagnostic.js";
import type { IngressConfig } from "./types.js";

/** The GitOps engines stackyard writes bootstrap objects for. */
export type GitOpsEngine = "argocd" | "flux";

/**
 * One cluster of `clusters:` in stackyard.yaml, after defaults: the workspaces it runs, the
 * GitOps engine that syncs it from git, and what differs for it (overrides, ingress).
 */
export interface ClusterConfig {
  /** A DNS label; also the folder `<outDir>/<name>/`. */
  name: string;
  /** The workspaces (namespaces) this cluster runs; "all" runs every workspace. */
  workspaces: string[] | "all";
  /**
   * Where each name of a `workspaces:` list is written, in the order written, for the warning
   * about a workspace no resource is in (a typo, most often). Absent for "all".
   */
  workspacesAt?: Array<{ name: string; file: string; range: SourceRange }>;
  engine: GitOpsEngine;
  /** The git repository the engine pulls from. */
  repoURL: string;
  /** The branch the engine follows (`rendered/main` with `stackyard publish`). */
  branch: string;
  /** This cluster's folder inside that repository, POSIX, no leading `./`. */
  path: string;
  /** The namespace of the engine's own objects (Application, Kustomization…). */
  namespace: string;
  /** The Argo CD destination server. */
  server: string;
  argocd: ArgoSyncConfig;
  flux: FluxSyncConfig;
  /** Settings of `ingress:` that differ on this cluster (a host per cluster, say). */
  ingress: Partial<Pick<IngressConfig, "className" | "host" | "tls">>;
  overrides: ResourceOverride[];
}

/** Argo CD sync policy of every Application of the cluster. */
export interface ArgoSyncConfig {
  automated: boolean;
  prune: boolean;
  selfHeal: boolean;
}

/** Flux reconciliation settings of every Kustomization of the cluster. */
export interface FluxSyncConfig {
  interval: string;
  prune: boolean;
  wait: boolean;
  timeout: string;
  /** The Secret (in the Flux namespace) with the credentials of a private repository. */
  secretRef?: string;
}

/** Which resources an override applies to; an absent key matches anything. `*` is a wildcard. */
export interface OverrideMatch {
  type?: string;
  workspace?: string;
  name?: string;
}

/** `overrides[]`: resource fields set to other values on one cluster. */
export interface ResourceOverride {
  match: OverrideMatch;
  set: OverrideSetting[];
  /** Where the override is written, for "matches nothing" warnings. */
  at: { file: string; range: SourceRange };
}

/**
 * One `path: value` of `set:`. The value keeps where each of its nodes is written in
 * stackyard.yaml, so a value that breaks a schema is reported there, not in the resource.
 */
export interface OverrideSetting {
  /** Mapping keys and sequence indexes into the resource document. */
  path: Array<string | number>;
  value: unknown;
  /** The stackyard.yaml file and the ranges of the `set:` key and its value. */
  file: string;
  keyRange: SourceRange;
  /** The range of every node of the value, keyed by its path inside the value (JSON). */
  valueRanges: Array<{ path: Array<string | number>; range: SourceRange }>;
}

/** Defaults of a cluster's sync settings. */
export const ARGO_SYNC_DEFAULTS: ArgoSyncConfig = { automated: true, prune: true, selfHeal: true };
export const FLUX_SYNC_DEFAULTS: FluxSyncConfig = {
  interval: "5m",
  prune: true,
  wait: true,
  timeout: "5m",
};
/** Where each engine's own objects live unless `namespace:` says otherwise. */
export const ENGINE_NAMESPACES: Record<GitOpsEngine, string> = {
  argocd: "argocd",
  flux: "flux-system",
};
/** The cluster Argo CD runs in, as Argo CD names it. */
export const IN_CLUSTER_SERVER = "https://kubernetes.default.svc";
