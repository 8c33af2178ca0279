import { emitYaml } from "../yaml/emit-yaml.js";
import type { K8sObject, RenderedRunnable } from "../render/types.js";
import type { Obj } from "./k8s-types.js";
import { foreignObject } from "./objects.js";
import type { Owner } from "./metadata.js";

/** The API group and resource (plural) an RBAC rule needs to manage an object. */
export interface ObjectKindRef {
  group: string;
  resource: string;
}

/**
 * An Argo `resource` template: the stack's rendered object, created by the step and owned by
 * the workflow (so it is deleted with it), done when the stack's success condition holds.
 * The manifest is YAML text, printed by the same byte-stable emitter as `out/`.
 */
export function resourceStep(r: RenderedRunnable, owner: Owner, object: K8sObject): Obj {
  const resource: Obj = {
    action: "create",
    manifest: emitYaml(foreignObject(owner, object, r.workspace)),
    setOwnerReference: true,
  };
  if (r.templates.successCondition !== undefined)
    resource.successCondition = r.templates.successCondition;
  if (r.templates.failureCondition !== undefined)
    resource.failureCondition = r.templates.failureCondition;
  return resource;
}

/** `sparkoperator.k8s.io/v1beta2` + `SparkApplication` → group and plural resource name. */
export function kindRef(object: K8sObject): ObjectKindRef {
  const slash = object.apiVersion.indexOf("/");
  const group = slash === -1 ? "" : object.apiVersion.slice(0, slash);
  return { group, resource: plural(object.kind.toLowerCase()) };
}

/**
 * The plural Kubernetes derives for a kind (the apiserver's default rules; a CRD may declare
 * another plural, which no manifest here tells us).
 */
function plural(kind: string): string {
  if (/(s|x|z|ch|sh)$/.test(kind)) return `${kind}es`;
  if (/[^aeiou]y$/.test(kind)) return `${kind.slice(0, -1)}ies`;
  return `${kind}s`;
}
