import type { JsonObject } from "../validate/types.js";
import { mergeEnvByName } from "./env.js";
import type { Container, EnvVar, Obj, PodVolume, VolumeMount } from "./k8s-types.js";

/**
 * Splices a containerResourceTemplate `container` over the default main container: the
 * template's fields win; `env` is merged by name (template entries win), `volumeMounts` by
 * mount path (template wins) and `envFrom` is the union, so the platform wiring survives a
 * template that adds its own entries.
 */
export function mergeContainer(base: Container, template: JsonObject | undefined): Container {
  if (template === undefined) return base;
  const t = template as Obj;
  const merged: Container = { ...base, ...t, name: (t.name as string | undefined) ?? base.name };
  const env = mergeEnvByName(list<EnvVar>(base.env), list<EnvVar>(t.env));
  const mounts = mergeBy(
    list<VolumeMount>(base.volumeMounts),
    list<VolumeMount>(t.volumeMounts),
    (m) => m.mountPath,
  );
  const envFrom = mergeBy(list<Obj>(base.envFrom), list<Obj>(t.envFrom), (e) => JSON.stringify(e));
  setList(merged, "env", env);
  setList(merged, "volumeMounts", mounts);
  setList(merged, "envFrom", envFrom);
  return merged;
}

/** Pod volumes: the template's `volumes` replace the default ones of the same name. */
export function mergeVolumes(
  base: readonly PodVolume[],
  template: readonly JsonObject[],
): PodVolume[] {
  return mergeBy(base, template as unknown as PodVolume[], (v) => v.name);
}

function mergeBy<T>(base: readonly T[], winner: readonly T[], key: (item: T) => string): T[] {
  const keys = new Set(winner.map(key));
  return [...base.filter((item) => !keys.has(key(item))), ...winner];
}

function list<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function setList(target: Obj, key: string, value: unknown[]): void {
  if (value.length > 0) target[key] = value;
  else delete target[key];
}
