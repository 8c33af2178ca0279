/**
 * Strict validation of bootstrap objects against the Argo CD and Flux CRD models, refusing
 * unknown fields. The models' generated validators read every property their schema declares,
 * so a Proxy that records reads finds the properties no schema knows (the approach of
 * src/check/k8s/validate-object.ts, kept here so these tests pin the CRD models directly).
 */
import { AppProject } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject";
import { Application } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application";
import { Kustomization } from "@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1/Kustomization";
import { GitRepository } from "@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/GitRepository";

const MODELS: Record<string, { prototype: { validate(): void } }> = {
  "argoproj.io/v1alpha1/AppProject": AppProject,
  "argoproj.io/v1alpha1/Application": Application,
  "kustomize.toolkit.fluxcd.io/v1/Kustomization": Kustomization,
  "source.toolkit.fluxcd.io/v1/GitRepository": GitRepository,
};

/** Every problem of a bootstrap object, as `path message`; empty when it is valid. */
export function bootstrapProblems(object: { apiVersion: string; kind: string }): string[] {
  const model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (model === undefined) return [`no model for ${object.apiVersion}/${object.kind}`];
  const read = new Map<object, Set<PropertyKey>>();
  try {
    model.prototype.validate.call(tracked(object, read));
  } catch (error) {
    const errors = (error as { errors?: Array<{ instancePath: string; message?: string }> }).errors;
    if (errors === undefined) throw error;
    return errors.map((e) => `${e.instancePath} ${e.message ?? ""}`);
  }
  return unknown(object, read, "");
}

function tracked(value: unknown, read: Map<object, Set<PropertyKey>>): unknown {
  if (value === null || typeof value !== "object") return value;
  if (!read.has(value)) read.set(value, new Set());
  return new Proxy(value, {
    get(t, key, receiver) {
      read.get(t)!.add(key);
      return tracked(Reflect.get(t, key, receiver), read);
    },
  });
}

function unknown(value: unknown, read: Map<object, Set<PropertyKey>>, path: string): string[] {
  if (value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => unknown(v, read, `${path}/${i}`));
  const seen = read.get(value) ?? new Set<PropertyKey>();
  return Object.entries(value).flatMap(([k, v]) =>
    seen.has(k) ? unknown(v, read, `${path}/${k}`) : [`${path}/${k} is not a known field`],
  );
}
