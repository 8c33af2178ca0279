import type { K8sObject } from "../render/types.js";
import type { Obj } from "./k8s-types.js";
import { objectMeta, type Owner } from "./metadata.js";
import type { ObjectKindRef } from "./resource-step.js";

/** What Argo's executor needs to report step results (Argo Workflows ≥ 3.4). */
const EXECUTOR_RULE: Obj = {
  apiGroups: ["argoproj.io"],
  resources: ["workflowtaskresults"],
  verbs: ["create", "patch"],
};

const RESOURCE_STEP_VERBS = ["create", "delete", "get", "list", "patch", "watch"];

/**
 * The ServiceAccount of a workflow's pods, with a Role and RoleBinding. Unlike a Deployment's,
 * it mounts its token: Argo's executor (the `wait` container) reports results through the
 * API, and a resource step creates and watches its object. The Role allows exactly that.
 */
export function workflowRbac(
  owner: Owner,
  name: string,
  namespace: string,
  kinds: readonly ObjectKindRef[],
): K8sObject[] {
  const meta = () => objectMeta(owner, name, namespace);
  return [
    {
      apiVersion: "v1",
      automountServiceAccountToken: true,
      kind: "ServiceAccount",
      metadata: meta(),
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: meta(),
      rules: [EXECUTOR_RULE, ...resourceRules(kinds)],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: meta(),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: meta().name },
      subjects: [{ kind: "ServiceAccount", name: meta().name, namespace }],
    },
  ];
}

/** One rule per API group, listing its resources once each, sorted. */
function resourceRules(kinds: readonly ObjectKindRef[]): Obj[] {
  const byGroup = new Map<string, Set<string>>();
  for (const k of kinds) byGroup.set(k.group, (byGroup.get(k.group) ?? new Set()).add(k.resource));
  return [...byGroup.keys()].sort().map((group) => ({
    apiGroups: [group],
    resources: [...byGroup.get(group)!].sort(),
    verbs: RESOURCE_STEP_VERBS,
  }));
}
