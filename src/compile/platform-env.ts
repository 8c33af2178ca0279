import type { StackyardConfig } from "../config/types.js";
import type { RenderedRunnable } from "../render/types.js";
import { MOUNT_PATHS } from "./mount-paths.js";

/**
 * The environment DataOS injects into every stack container (reference §6.1), limited to what
 * is deterministic and host-neutral: identity, paths and run context, plus the platform
 * variables of stackyard.yaml. DATAOS_UID and DATAOS_RUN_ID are left out because they would be
 * random per deployment, and DATAOS_RUN_AS_APIKEY because it is a credential.
 */
export function platformEnv(r: RenderedRunnable, config: StackyardConfig): Record<string, string> {
  const { meta } = r.resource;
  const logLevel = r.spec.logLevel || config.platform.logLevel;
  const env: Record<string, string> = {
    ...config.platform.env,
    DATAOS_NAME: r.name,
    DATAOS_RESOURCE_ID: r.resource.id,
    DATAOS_TYPE: r.orchestrator,
    DATAOS_WORKSPACE: r.workspace,
    DATAOS_FQDN: config.platform.fqdn,
    DATAOS_TAGS: meta.tags.join(","),
    DATAOS_DESCRIPTION: meta.description ?? "",
    DATAOS_STAMP: r.stamp,
    DATAOS_CONFIG_DIR: MOUNT_PATHS.config,
    DATAOS_TEMP_DIR: MOUNT_PATHS.temp,
    DATAOS_SECRET_DIR: MOUNT_PATHS.secret,
    RUNNABLE_ARTIFACT_DIR: MOUNT_PATHS.work,
    RUNNABLE_TYPE: r.orchestrator,
    LOG_LEVEL: logLevel,
    DATAOS_LOG_LEVEL: logLevel,
    DATAOS_IS_DRY_RUN: String(r.spec.dryRun),
  };
  if (r.spec.runAsUser !== undefined) env.DATAOS_RUN_AS_USER = r.spec.runAsUser;
  return env;
}
