import { allowedRegistries } from "./allowed-registries.js";
import { hostAccess } from "./host-access.js";
import { imagesPinned } from "./images-pinned.js";
import { noPlaintextSecrets } from "./no-plaintext-secrets.js";
import { ownershipLabels } from "./ownership-labels.js";
import { podSecurity } from "./pod-security.js";
import type { Policy } from "./policy.js";
import { requestsLimits } from "./requests-limits.js";
import { resourceCeilings } from "./resource-ceilings.js";

export type { Finding, Policy, PolicyContext } from "./policy.js";

/** Every built-in policy, by id. Adding a policy is one module plus one line here. */
export const POLICIES: Readonly<Record<string, Policy>> = Object.fromEntries(
  [
    podSecurity,
    requestsLimits,
    imagesPinned,
    allowedRegistries,
    noPlaintextSecrets,
    hostAccess,
    resourceCeilings,
    ownershipLabels,
  ].map((p) => [p.id, p]),
);
