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
  /** The folder under outDir for this cluster. */
  cluster: string;
  /** Workspace (namespace) of resources that do not name one. */
  defaultWorkspace: string;
  /** DataOS-style name stamp: "none" is empty; "hash" is "-" + 4 chars of a stable hash. */
  stamp: "none" | "hash";
  secrets: SecretsConfig;
  ingress: IngressConfig;
  /** Load the built-in stacks shipped with stackyard. */
  builtinStacks: boolean;
  platform: PlatformConfig;
  limits: { maxFileBytes: number };
  /** `${ENV}` interpolation in resources (never in stacks). */
  interpolateEnv: boolean;
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
  interpolateEnv: false,
});

/** Freezes the defaults so no caller can change them for everyone else by accident. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
