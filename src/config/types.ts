import type { SourceLocation } from "../diagnostics/diagnostic.js";
import type { TemplateLimits } from "../template/index.js";
import type { ClusterConfig } from "./cluster-types.js";

/**
 * The repository's stackyard.yaml, after defaults are applied. Every path is repository-relative
 * POSIX and stays inside the repository (loadConfig refuses the rest).
 */
export interface StackyardConfig {
  /** Folders scanned for manifests. */
  roots: string[];
  /** Globs excluded from the scan; always includes the out dir, node_modules, .git and .github. */
  exclude: string[];
  /** Where the compiled manifests go. */
  outDir: string;
  /** Where stackyard.yaml sets outDir (its value); absent when outDir is the default. */
  outDirAt?: SourceLocation;
  /** The folder under outDir for this cluster (when `clusters` is empty). */
  cluster: string;
  /** The clusters delivered to by GitOps; empty means the one `cluster`, without bootstrap. */
  clusters: ClusterConfig[];
  /** Workspace (namespace) of resources that do not name one. */
  defaultWorkspace: string;
  /** DataOS-style name stamp: "none" is empty; "hash" is "-" + 4 chars of a stable hash. */
  stamp: "none" | "hash";
  secrets: SecretsConfig;
  ingress: IngressConfig;
  /** Load the built-in stacks shipped with stackyard. */
  builtinStacks: boolean;
  platform: PlatformConfig;
  limits: LimitsConfig;
  /** Which built-in policies run, how severe their findings are, and their settings. */
  policies: PoliciesConfig;
  /** How Prometheus finds the metrics of stacks that declare a metrics port. */
  observability: ObservabilityConfig;
  /**
   * Unknown fields in the output fail the build instead of warning. `--strict` (and CI=true)
   * turn it on for one run; stackyard.yaml can turn it on for good.
   */
  strict: boolean;
}

/** A policy's severity in stackyard.yaml, or `off` to turn it off. */
export type PolicyLevel = "error" | "warning" | "info" | "off";

/** The `policies:` section: severities per policy and per workspace, and the policies' settings. */
export interface PoliciesConfig {
  /** Policy id → its severity, overriding the policy's default. */
  severity: Record<string, PolicyLevel>;
  /** Workspace → policy id → severity, overriding `severity` in that workspace only. */
  workspaces: Record<string, Record<string, PolicyLevel>>;
  /** Registry prefixes `allowed-registries` accepts (`ghcr.io/acme`); empty accepts any. */
  allowedRegistries: string[];
  /** The upper bounds `resource-ceilings` enforces per workload and per container. */
  ceilings: { replicas: number; cpu: string; memory: string };
  /**
   * Where each policy id of `severity` and `workspaces` is written (its key), by the setting's
   * dotted path (`policies.severity.images-pinned`, `policies.workspaces.<ws>.<id>`): the
   * check stage, which knows the policies, reports an unknown id there. Absent when none is.
   */
  at?: Record<string, SourceLocation>;
}

/** Prometheus scraping: Prometheus-Operator monitors, scrape annotations, or nothing. */
export interface ObservabilityConfig {
  monitor: "pod-monitor" | "service-monitor" | "annotations" | "none";
}

/**
 * Bounds that keep hostile or broken input from hanging the build or exhausting memory
 * (docs/robustness.md). `jq` and `template` are optional: their stages own the defaults.
 */
export interface LimitsConfig {
  /** Largest source file read, in bytes. */
  maxFileBytes: number;
  /** Each run of a stack's dataset filter: milliseconds, and MiB of memory. */
  jq?: { timeoutMs?: number; maxMemoryMiB?: number };
  /** Each render of a stack template. */
  template?: Partial<TemplateLimits>;
}

/** How Secret and Instance-secret resources reach the cluster without plaintext in git. */
export interface SecretsConfig {
  mode: "external-secrets" | "sops" | "existing";
  externalSecrets: {
    storeName: string;
    storeKind: "ClusterSecretStore" | "SecretStore";
    refreshInterval: string;
  };
}

/** How a Service's `ingress` is exposed: an Ingress with a class, or a Gateway-API HTTPRoute. */
export interface IngressConfig {
  flavor: "ingress" | "gateway";
  className: string;
  host?: string;
  tls?: { secretName: string };
  gateway?: { name: string; namespace?: string; sectionName?: string };
}

/** The platform environment injected into containers (the DataOS env of spec §6.1). */
export interface PlatformConfig {
  fqdn: string;
  logLevel: string;
  /** Extra variables injected into every container. */
  env: Record<string, string>;
  metadataServer?: string;
}

/** The file loadConfig looks for at the repository root. */
export const CONFIG_FILE_NAME = "stackyard.yaml";

/** The 5 MiB default of limits.maxFileBytes. */
const FIVE_MIB = 5 * 1024 * 1024;

/** Globs no scan should ever enter, whatever stackyard.yaml says. */
export function alwaysExcluded(outDir: string): string[] {
  return [`${outDir}/**`, "**/node_modules/**", "**/.git/**", ".github/**"];
}

/** The configuration of a repository without stackyard.yaml. */
export const DEFAULT_CONFIG: StackyardConfig = deepFreeze({
  roots: ["."],
  exclude: alwaysExcluded("out"),
  outDir: "out",
  cluster: "default",
  clusters: [],
  defaultWorkspace: "public",
  stamp: "none",
  secrets: {
    mode: "external-secrets",
    externalSecrets: {
      storeName: "stackyard",
      storeKind: "ClusterSecretStore",
      refreshInterval: "1h",
    },
  },
  ingress: { flavor: "ingress", className: "nginx" },
  builtinStacks: true,
  // A neutral, reserved-looking name: no real DataOS host is baked in.
  platform: { fqdn: "platform.example.internal", logLevel: "INFO", env: {} },
  limits: { maxFileBytes: FIVE_MIB },
  policies: {
    severity: {},
    workspaces: {},
    allowedRegistries: [],
    // Generous on purpose: they catch a typo (replicas: 300), not a deliberate large job.
    ceilings: { replicas: 50, cpu: "16", memory: "64Gi" },
  },
  observability: { monitor: "pod-monitor" },
  strict: false,
});

/** Freezes the defaults so no caller can change them for everyone else by accident. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
