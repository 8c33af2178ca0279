import type { K8sObject } from "../render/types.js";
import { MANAGED_BY } from "./metadata.js";
import type { PodSecurityProfile } from "./security-context.js";

/**
 * Pod Security Admission levels are pinned to a Kubernetes version so that a cluster upgrade
 * cannot start rejecting pods that were admitted yesterday; `warn` and `audit` follow
 * `latest`, so a tightening of the standard shows up as warnings before anything breaks.
 */
export const POD_SECURITY_VERSION = "v1.30";

const LEAST_RESTRICTIVE_FIRST: readonly PodSecurityProfile[] = [
  "privileged",
  "baseline",
  "restricted",
];

/**
 * The Namespace of a workspace, enforcing the restricted Pod Security Standard unless a stack
 * used in it opted out, in which case the least restrictive profile its stacks ask for.
 */
export function namespaceObject(
  workspace: string,
  profiles: Iterable<PodSecurityProfile>,
): K8sObject {
  const wanted = new Set(profiles);
  const level = LEAST_RESTRICTIVE_FIRST.find((p) => wanted.has(p)) ?? "restricted";
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      labels: {
        "app.kubernetes.io/component": "namespace",
        "app.kubernetes.io/managed-by": MANAGED_BY,
        "app.kubernetes.io/name": workspace,
        "app.kubernetes.io/part-of": workspace,
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/audit-version": "latest",
        "pod-security.kubernetes.io/enforce": level,
        "pod-security.kubernetes.io/enforce-version": POD_SECURITY_VERSION,
        "pod-security.kubernetes.io/warn": "restricted",
        "pod-security.kubernetes.io/warn-version": "latest",
      },
      name: workspace,
    },
  };
}
