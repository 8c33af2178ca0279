import type { K8sObject } from "../render/types.js";
import type { ObjectPath } from "./k8s/validate-object.js";

type Obj = Record<string, unknown>;

/** A value inside an object, with its path (for positions). */
export interface Located<T> {
  path: ObjectPath;
  value: T;
}

/**
 * One pod an object runs, however it is wrapped. `levels` are the mappings that hold pod-level
 * fields, most specific first: a Deployment has one (its pod spec); an Argo template has two,
 * because a template's `securityContext` or `volumes` add to the Workflow's.
 */
export interface PodView {
  levels: Array<Located<Obj>>;
  containers: Array<Located<Obj>>;
}

/** The pods of an object: workloads, Jobs, Pods and every container template of an Argo Workflow. */
export function podViews(object: K8sObject): PodView[] {
  const spec = asObj(object.spec);
  if (spec === undefined) return [];
  switch (object.kind) {
    case "Pod":
      return [podOf(["spec"], spec)];
    case "Deployment":
    case "StatefulSet":
    case "DaemonSet":
    case "ReplicaSet":
    case "Job":
      return templated(["spec", "template", "spec"], spec.template);
    case "CronJob": {
      const job = asObj(asObj(spec.jobTemplate)?.spec);
      return templated(["spec", "jobTemplate", "spec", "template", "spec"], job?.template);
    }
    case "Workflow":
      return argoPods(["spec"], spec);
    case "CronWorkflow": {
      const workflowSpec = asObj(spec.workflowSpec);
      return workflowSpec === undefined ? [] : argoPods(["spec", "workflowSpec"], workflowSpec);
    }
    default:
      return [];
  }
}

/** A pod-level field: the most specific level that sets it. */
export function podField(pod: PodView, key: string): Located<unknown> | undefined {
  for (const level of pod.levels) {
    if (level.value[key] !== undefined)
      return { path: [...level.path, key], value: level.value[key] };
  }
  return undefined;
}

/** Every volume of the pod, at every level. */
export function podVolumes(pod: PodView): Array<Located<Obj>> {
  return pod.levels.flatMap((level) => list(level.value.volumes, [...level.path, "volumes"]));
}

function templated(path: ObjectPath, template: unknown): PodView[] {
  const spec = asObj(asObj(template)?.spec);
  return spec === undefined ? [] : [podOf(path, spec)];
}

function podOf(path: ObjectPath, spec: Obj): PodView {
  const containers = ["initContainers", "containers", "ephemeralContainers"].flatMap((key) =>
    list(spec[key], [...path, key]),
  );
  return { levels: [{ path, value: spec }], containers };
}

function argoPods(path: ObjectPath, spec: Obj): PodView[] {
  return list(spec.templates, [...path, "templates"]).flatMap((template) => {
    const t = template.value;
    const containers = [
      ...["container", "script"].flatMap((key) =>
        asObj(t[key]) ? [{ path: [...template.path, key], value: t[key] as Obj }] : [],
      ),
      ...["initContainers", "sidecars"].flatMap((key) => list(t[key], [...template.path, key])),
    ];
    if (containers.length === 0) return [];
    return [{ levels: [template, { path, value: spec }], containers }];
  });
}

function list(value: unknown, path: ObjectPath): Array<Located<Obj>> {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, i) =>
    asObj(item) ? [{ path: [...path, i], value: item as Obj }] : [],
  );
}

/** A plain mapping, or undefined. */
export function asObj(value: unknown): Obj | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Obj)
    : undefined;
}
