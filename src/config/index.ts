export { loadConfig, parseConfig, type LoadedConfig } from "./load-config.js";
export {
  CONFIG_FILE_NAME,
  DEFAULT_CONFIG,
  alwaysExcluded,
  type IngressConfig,
  type PlatformConfig,
  type SecretsConfig,
  type StackyardConfig,
} from "./types.js";
export type {
  ArgoSyncConfig,
  ClusterConfig,
  FluxSyncConfig,
  GitOpsEngine,
  OverrideMatch,
  OverrideSetting,
  ResourceOverride,
} from "./cluster-types.js";
