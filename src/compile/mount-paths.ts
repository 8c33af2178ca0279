export { MOUNT_PATHS } from "../render/context.js";

/** Pod volume names DataOS templates refer to (reference §2.4). */
export const VOLUME_NAMES = {
  config: "dataos-config-mount",
  secret: "dataos-secret-mount",
} as const;
