import { declaredKeys } from "../validate/secret-keys.js";
import type { RenderedRunnable } from "../render/types.js";
import type { ResolvedSecretRef } from "../resolve/types.js";
import type { SecretResource } from "../validate/types.js";
import type { EnvVar, Obj } from "./k8s-types.js";
import { k8sName } from "./names.js";

/** A `secret` source of a projected volume. */
export interface ProjectedSecret {
  secret: { name: string; items?: Array<{ key: string; path: string }> };
}

/** How a runnable's secrets reach its main container. */
export interface SecretWiring {
  /** One `valueFrom.secretKeyRef` per key named with `key`/`keys`. */
  env: EnvVar[];
  /** `envFrom` secretRefs: whole secrets consumed as env vars. */
  envFrom: Obj[];
  /** Sources of the projected `dataos-secret-mount` volume (files `<secret>_<key>`). */
  projected: ProjectedSecret[];
}

/**
 * Wires `dataosSecrets` per consumptionType, and the credentials of the depots behind the
 * runnable's dataset addresses per the stack's `secretProjection` (a stack that declares no
 * projection consumes no depot credentials, so none are mounted).
 */
export function secretWiring(
  r: RenderedRunnable,
  instanceSecrets: ReadonlyMap<string, SecretResource>,
): SecretWiring {
  const wiring: SecretWiring = { env: [], envFrom: [], projected: [] };
  for (const ref of r.secrets) wireRef(wiring, ref);
  const projection = r.stack.spec.secretProjection?.type;
  if (projection !== undefined) {
    for (const name of depotSecretNames(r)) {
      const secret = instanceSecrets.get(name);
      const keys = secret === undefined ? [] : declaredKeys(secret);
      // An instance secret naming an `existingSecret` is that Secret, as for dataosSecrets.
      const k8sSecret = secret?.spec.existingSecret ?? k8sName(name);
      if (projection === "envVars") addEnvFrom(wiring, k8sSecret);
      else addProjected(wiring, name, k8sSecret, keys);
    }
  }
  return wiring;
}

function wireRef(wiring: SecretWiring, resolved: ResolvedSecretRef): void {
  const { ref, k8sName: name, keys } = resolved;
  const named = ref.key !== undefined || (ref.keys !== undefined && ref.keys.length > 0);
  if (ref.consumptionType === "envVars") {
    if (!named) return addEnvFrom(wiring, name);
    for (const key of keys) {
      wiring.env.push({ name: key, valueFrom: { secretKeyRef: { key, name } } });
    }
    return;
  }
  addProjected(wiring, ref.name, name, keys);
}

function addEnvFrom(wiring: SecretWiring, name: string): void {
  const exists = wiring.envFrom.some((e) => (e.secretRef as { name: string }).name === name);
  if (!exists) wiring.envFrom.push({ secretRef: { name } });
}

/**
 * Adds a projected-volume source. Files are named `<secret>_<key>` as in DataOS; when the keys
 * are unknown (an external secret that declares none) Kubernetes names each file by its key.
 * A secret projected twice becomes one source (the union of its items), since two sources
 * writing the same path make the pod invalid.
 */
function addProjected(
  wiring: SecretWiring,
  secretName: string,
  k8sSecret: string,
  keys: readonly string[],
): void {
  const items = keys.map((key) => ({ key, path: `${secretName}_${key}` }));
  const existing = wiring.projected.find((p) => p.secret.name === k8sSecret);
  if (existing === undefined) {
    wiring.projected.push({
      secret: items.length > 0 ? { items, name: k8sSecret } : { name: k8sSecret },
    });
    return;
  }
  const before = existing.secret.items;
  if (before === undefined || items.length === 0) {
    delete existing.secret.items; // one of them wants every key
    return;
  }
  const paths = new Set(before.map((i) => i.path));
  existing.secret.items = [...before, ...items.filter((i) => !paths.has(i.path))];
}

function depotSecretNames(r: RenderedRunnable): string[] {
  return [...new Set(r.datasets.flatMap((d) => d.secretNames))].sort();
}
