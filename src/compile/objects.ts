import type { StackyardConfig } from "../config/types.js";
import type { K8sObject, RenderedRunnable } from "../render/types.js";
import { makeStamp } from "../resolve/stamp.js";
import { isClusterScoped } from "../validate/cluster-scoped.js";
import type { Resource } from "../validate/types.js";
import type { CompiledObject } from "./context.js";
import { objectMeta, standardAnnotations, standardLabels, type Owner } from "./metadata.js";
import { instanceName } from "./names.js";

/** The output folder of a resource: `<type>-<name>`. */
export function unitOf(resource: Resource): string {
  return `${resource.meta.type}-${resource.meta.name}`;
}

/**
 * The owner of objects made from runnables of one resource (one for a Worker or Service, the
 * jobs of a Workflow): the resource's instance name, and the union of their stacks and
 * datasets. The stamp is the resource's own: a Workflow job's runnable carries its job's.
 */
export function ownerOf(
  runnables: readonly [RenderedRunnable, ...RenderedRunnable[]],
  config: StackyardConfig,
): Owner {
  const [first] = runnables;
  const { meta } = first.resource;
  const stamp =
    first.job === undefined
      ? first.stamp
      : makeStamp(config.stamp, meta.type, meta.name, meta.workspace);
  return {
    component: first.orchestrator,
    datasets: runnables.flatMap((r) => r.datasets),
    instance: instanceName(meta.name, stamp),
    resource: first.resource,
    stacks: runnables.map((r) => r.stack),
  };
}

/** Wraps objects of one resource for the output. */
export function placed(owner: Owner, objects: K8sObject[]): CompiledObject[] {
  const { resource } = owner;
  const unit = unitOf(resource);
  return objects.map((object) => ({
    object,
    owner: resource,
    unit,
    workspace: resource.meta.workspace,
  }));
}

/** A ServiceAccount that does not mount an API token unless a pod asks for one. */
export function serviceAccount(owner: Owner, name: string, namespace: string): K8sObject {
  return {
    apiVersion: "v1",
    automountServiceAccountToken: false,
    kind: "ServiceAccount",
    metadata: objectMeta(owner, name, namespace),
  };
}

/** The ConfigMap of a runnable's config files. */
export function configMap(
  owner: Owner,
  plan: { name: string; data: Record<string, string> },
  namespace: string,
): K8sObject {
  return {
    apiVersion: "v1",
    data: plan.data,
    kind: "ConfigMap",
    metadata: objectMeta(owner, plan.name, namespace),
  };
}

/**
 * An object a stack's resourceTemplate rendered, emitted as is: only the namespace is forced
 * (workspace = namespace; none on a cluster-scoped kind, which the stack had to allow) and the
 * standard labels and annotations are added where the template did not set its own.
 */
export function foreignObject(owner: Owner, object: K8sObject, namespace: string): K8sObject {
  const { metadata } = object;
  const { namespace: _ignored, ...rest } = metadata;
  const base = {
    ...rest,
    annotations: { ...standardAnnotations(owner), ...metadata.annotations },
    labels: { ...standardLabels(owner), ...metadata.labels },
  };
  if (isClusterScoped(object.apiVersion, object.kind)) return { ...object, metadata: base };
  return { ...object, metadata: { ...base, namespace } };
}
