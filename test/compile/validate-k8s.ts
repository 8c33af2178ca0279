/**
 * Validates emitted objects against the Kubernetes OpenAPI (`kubernetes-models`) and the Argo
 * Workflows CRDs (`@kubernetes-models/argo-workflows`), refusing unknown fields.
 *
 * The models' validators are ajv code generated from the OpenAPI, which does not say
 * `additionalProperties: false`, so on their own they accept any misspelled field. Strictness
 * comes from how that generated code works: it reads every property its schema declares
 * (`data.spec`, `data.replicas`, …) and, for map-like schemas (`labels`, `data`), enumerates the
 * keys and reads each value. So the object is validated through a Proxy that records every
 * property read at every path; an own property that the validator never read is a property
 * the schema does not know. (A schema-less, free-form field would read as unknown too; none of
 * the kinds we emit has one where we write nested data.)
 *
 * ExternalSecret and Gateway-API HTTPRoute have no model package: they are validated with the
 * hand-written minimal JSON Schemas in ./crd-schemas.ts (the fields we emit, with
 * `additionalProperties: false`), so they are just as strict about what we write.
 */
import { Ajv } from "ajv";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Secret } from "kubernetes-models/v1/Secret";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { Service } from "kubernetes-models/v1/Service";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { Role } from "kubernetes-models/rbac.authorization.k8s.io/v1/Role";
import { RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import { Workflow } from "@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Workflow";
import { CronWorkflow } from "@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/CronWorkflow";
import { CRD_SCHEMAS } from "./crd-schemas.js";

interface ModelClass {
  new (data: never): { validate(): void; toJSON(): unknown };
  prototype: { validate(): void };
}

const MODELS: Record<string, ModelClass> = {
  "v1/Namespace": Namespace,
  "v1/ConfigMap": ConfigMap,
  "v1/Secret": Secret,
  "v1/ServiceAccount": ServiceAccount,
  "v1/Service": Service,
  "v1/PersistentVolumeClaim": PersistentVolumeClaim,
  "apps/v1/Deployment": Deployment,
  "apps/v1/StatefulSet": StatefulSet,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "networking.k8s.io/v1/Ingress": Ingress,
  "rbac.authorization.k8s.io/v1/Role": Role,
  "rbac.authorization.k8s.io/v1/RoleBinding": RoleBinding,
  "argoproj.io/v1alpha1/Workflow": Workflow,
  "argoproj.io/v1alpha1/CronWorkflow": CronWorkflow,
};

const ajv = new Ajv({ allErrors: true, strict: true });
const crdValidators = Object.fromEntries(
  Object.entries(CRD_SCHEMAS).map(([key, schema]) => [key, ajv.compile(schema)]),
);

/** Every problem of an object: schema errors and unknown fields; empty when it is valid. */
export function k8sProblems(object: { apiVersion: string; kind: string }): string[] {
  const key = `${object.apiVersion}/${object.kind}`;
  const crd = crdValidators[key];
  if (crd !== undefined) {
    return crd(object)
      ? []
      : (crd.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  }
  const model = MODELS[key];
  if (model === undefined) return [`no schema for ${key}: add it to test/compile/validate-k8s.ts`];
  // Flux strips the `sops` block when it decrypts; it is not part of the Secret in the cluster.
  const data = key === "v1/Secret" ? withoutKey(object, "sops") : object;
  const read = new Map<object, Set<PropertyKey>>();
  try {
    model.prototype.validate.call(tracked(data, read));
  } catch (error) {
    return [(error as Error).message];
  }
  return unknownFields(data, read, "");
}

/** Throws with every problem of every object (a readable test failure). */
export function assertValidK8s(
  objects: ReadonlyArray<{ apiVersion: string; kind: string; metadata?: { name?: string } }>,
): void {
  const failures = objects.flatMap((o) =>
    k8sProblems(o).map((p) => `${o.kind}/${o.metadata?.name ?? "?"}: ${p}`),
  );
  if (failures.length > 0) throw new Error(`invalid Kubernetes objects:\n${failures.join("\n")}`);
}

/** A read-only view of `value` that records, per object, which properties were read. */
function tracked(value: unknown, read: Map<object, Set<PropertyKey>>): unknown {
  if (value === null || typeof value !== "object") return value;
  const target = value as object;
  if (!read.has(target)) read.set(target, new Set());
  return new Proxy(target, {
    get(t, key, receiver) {
      read.get(t)!.add(key);
      return tracked(Reflect.get(t, key, receiver), read);
    },
  });
}

function unknownFields(
  value: unknown,
  read: Map<object, Set<PropertyKey>>,
  path: string,
): string[] {
  if (value === null || typeof value !== "object") return [];
  const seen = read.get(value) ?? new Set<PropertyKey>();
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => unknownFields(item, read, `${path}/${i}`));
  }
  return Object.entries(value).flatMap(([key, child]) =>
    seen.has(key)
      ? unknownFields(child, read, `${path}/${key}`)
      : [`${path}/${key} is not a known field`],
  );
}

function withoutKey<T extends object>(object: T, key: string): T {
  const copy = { ...object } as Record<string, unknown>;
  delete copy[key];
  return copy as T;
}
