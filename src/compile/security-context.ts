import type { StackResource } from "../validate/types.js";
import type { Container, Obj } from "./k8s-types.js";

export type PodSecurityProfile = "restricted" | "baseline" | "privileged";

/** The Pod Security Standard a stack's pods run under: restricted unless the stack opts out. */
export function podSecurityProfile(stack: StackResource): PodSecurityProfile {
  return stack.spec.podSecurity?.profile ?? "restricted";
}

/** The pod-level part of the restricted profile. */
export function restrictedPodSecurityContext(): Obj {
  return { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } };
}

/**
 * Fills in the restricted container defaults, field by field, only where the container (from
 * a stack template) set nothing. An explicit value is kept even when it breaks the profile:
 * the stack author wrote it, and the check stage reports it with the stack's position.
 */
export function withRestrictedDefaults(container: Container): Container {
  const set = (container.securityContext ?? {}) as Obj;
  const defaults: Obj = {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ["ALL"] },
    runAsNonRoot: true,
    seccompProfile: { type: "RuntimeDefault" },
  };
  const merged: Obj = { ...set };
  for (const [key, value] of Object.entries(defaults)) {
    if (merged[key] === undefined) merged[key] = value;
  }
  return { ...container, securityContext: merged };
}
