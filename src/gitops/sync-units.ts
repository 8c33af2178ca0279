import { createHash } from "node:crypto";
import type { K8sObject } from "../compile/emit-object.js";
import { k8sName } from "../compile/names.js";
import { CLUSTER_FOLDER } from "../emit/index.js";
import { stageOf } from "./sync-stages.js";

/**
 * Kustomize's cost grows faster than quadratically with the objects of one build (150
 * objects 0.13 s, 1,500 2.7 s, 6,000 114 s), and Flux runs it on every reconcile. No sync unit
 * holds more than this many objects unless a single resource alone has more.
 */
export const MAX_UNIT_OBJECTS = 500;

/** An object and its file, relative to the out dir (`<cluster>/<workspace>/<unit>/<file>`). */
export interface PlacedObject {
  path: string;
  object: K8sObject;
}

/** Where a sync unit stands in the order a cluster is synced in. */
export type UnitRole = "cluster" | "workspace" | "namespace" | "config" | "apps";

/** Argo CD waves of the Applications; Flux gets the same order through dependsOn. */
export const UNIT_ORDER: Record<UnitRole, number> = {
  cluster: 0,
  workspace: 1,
  namespace: 1,
  config: 2,
  apps: 3,
};

/** One Argo CD Application or Flux Kustomization: a folder of out/ synced as a whole. */
export interface SyncUnit {
  /** The Application or Kustomization name: `<cluster>-<workspace>[-<part>]`. */
  name: string;
  /** The folder, relative to the out dir. */
  folder: string;
  /** Its namespace; `""` for the cluster-scoped unit. */
  workspace: string;
  role: UnitRole;
  /** Names of the units that must be ready before this one is applied. */
  dependsOn: string[];
  objects: K8sObject[];
  /** For a part of a split workspace: the resource folders it lists, relative to its folder. */
  members?: string[];
}

/** Options of `cutSyncUnits`; tests lower the limit to split small repositories. */
export interface CutOptions {
  maxObjects: number;
}

/**
 * Cuts one cluster's objects into sync units. A workspace is one unit while it holds at most
 * `maxObjects` objects. A larger one is split: its own folder (the Namespace) is a unit, and
 * its resource folders are spread over `_config-N` parts (folders with only config objects)
 * and `_apps-N` parts, by a hash of the folder name into a power-of-two number of buckets.
 * Hashing keeps a resource in the same part when others come and go, so objects rarely move
 * between Applications (a move can prune and recreate them); the bucket count doubles only
 * when a bucket overflows, and doubling splits each bucket in two, moving half of it.
 */
export function cutSyncUnits(
  cluster: string,
  placed: readonly PlacedObject[],
  options: CutOptions,
): SyncUnit[] {
  const byWorkspace = new Map<string, PlacedObject[]>();
  for (const p of placed) {
    const workspace = p.path.split("/")[1]!;
    byWorkspace.set(workspace, [...(byWorkspace.get(workspace) ?? []), p]);
  }
  const clusterUnit = byWorkspace.get(CLUSTER_FOLDER);
  const units: SyncUnit[] = [];
  if (clusterUnit !== undefined)
    units.push(
      unit(
        cluster,
        "cluster-scoped",
        `${cluster}/${CLUSTER_FOLDER}`,
        "",
        "cluster",
        clusterUnit,
        [],
      ),
    );
  const first = clusterUnit === undefined ? [] : [units[0]!.name];
  for (const [folder, objects] of [...byWorkspace].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (folder === CLUSTER_FOLDER) continue;
    const workspace =
      objects.find((o) => o.object.metadata.namespace !== undefined)?.object.metadata.namespace ??
      folder;
    if (objects.length <= options.maxObjects) {
      units.push(
        unit(cluster, folder, `${cluster}/${folder}`, workspace, "workspace", objects, first),
      );
    } else {
      units.push(...splitWorkspace(cluster, folder, workspace, objects, first, options.maxObjects));
    }
  }
  return units;
}

function splitWorkspace(
  cluster: string,
  folder: string,
  workspace: string,
  objects: readonly PlacedObject[],
  after: string[],
  max: number,
): SyncUnit[] {
  const own = objects.filter((o) => o.path.split("/").length === 3);
  const resources = new Map<string, PlacedObject[]>();
  for (const o of objects) {
    const parts = o.path.split("/");
    if (parts.length > 3) resources.set(parts[2]!, [...(resources.get(parts[2]!) ?? []), o]);
  }
  const head = unit(cluster, folder, `${cluster}/${folder}`, workspace, "namespace", own, after);
  const isConfig = (members: PlacedObject[]) =>
    members.every((m) => stageOf(m.object.kind) !== "workload");
  const config = [...resources].filter(([, m]) => isConfig(m));
  const apps = [...resources].filter(([, m]) => !isConfig(m));
  const configUnits = parts(cluster, folder, workspace, "config", config, [head.name], max);
  const appUnits = parts(
    cluster,
    folder,
    workspace,
    "apps",
    apps,
    [head.name, ...configUnits.map((u) => u.name)],
    max,
  );
  return [head, ...configUnits, ...appUnits];
}

/** Spreads resource folders over hash buckets; empty buckets make no unit. */
function parts(
  cluster: string,
  folder: string,
  workspace: string,
  role: "config" | "apps",
  resources: ReadonlyArray<[string, PlacedObject[]]>,
  after: string[],
  max: number,
): SyncUnit[] {
  if (resources.length === 0) return [];
  const buckets = bucketize(resources, max);
  return buckets.flatMap((bucket, i) => {
    if (bucket.length === 0) return [];
    const part = `_${role}-${i + 1}`;
    const members = bucket.map(([name]) => name).sort();
    const objects = bucket.flatMap(([, o]) => o);
    const u = unit(
      cluster,
      `${folder}-${role}-${i + 1}`,
      `${cluster}/${folder}/${part}`,
      workspace,
      role,
      objects,
      after,
    );
    return [{ ...u, members: members.map((m) => `../${m}`) }];
  });
}

function bucketize<T>(
  resources: ReadonlyArray<[string, T[]]>,
  max: number,
): Array<Array<[string, T[]]>> {
  const hashed = resources.map((r) => ({
    r,
    h: createHash("sha256").update(r[0]).digest().readUInt32BE(0),
  }));
  for (let n = 1; ; n *= 2) {
    const buckets: Array<Array<[string, T[]]>> = Array.from({ length: n }, () => []);
    for (const { r, h } of hashed) buckets[h % n]!.push(r);
    // A bucket holding one resource cannot be split further, whatever its size.
    const fits = buckets.every(
      (b) => b.length <= 1 || b.reduce((sum, [, o]) => sum + o.length, 0) <= max,
    );
    if (fits) return buckets;
  }
}

function unit(
  cluster: string,
  suffix: string,
  folder: string,
  workspace: string,
  role: UnitRole,
  objects: readonly PlacedObject[],
  dependsOn: string[],
): SyncUnit {
  return {
    name: k8sName(`${cluster}-${suffix}`),
    folder,
    workspace,
    role,
    dependsOn,
    objects: objects.map((o) => o.object),
  };
}
