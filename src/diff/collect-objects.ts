import { parse } from "yaml";
import type { OutputFile } from "../emit/types.js";
import type { DiffObject } from "./types.js";

/**
 * The Kubernetes object in an out/ file, keyed by cluster, apiVersion, kind, namespace and name.
 * Files without a source (kustomizations, lineage.json) are derived from the objects and are
 * not objects themselves: they give undefined.
 */
export function toDiffObject(file: OutputFile): DiffObject | undefined {
  if (file.source === undefined) return undefined;
  const object = parse(file.content) as Record<string, unknown> | null;
  if (object === null || typeof object !== "object") return undefined;
  const metadata = (object["metadata"] ?? {}) as Record<string, unknown>;
  const cluster = file.path.split("/")[0] ?? "";
  const apiVersion = String(object["apiVersion"] ?? "");
  const kind = String(object["kind"] ?? "");
  const namespace = typeof metadata["namespace"] === "string" ? metadata["namespace"] : "";
  const name = String(metadata["name"] ?? "");
  const key = [cluster, apiVersion, kind, namespace, name].join("\0");
  return {
    key,
    cluster,
    apiVersion,
    kind,
    namespace,
    name,
    path: file.path,
    text: file.content,
    object,
    source: file.source,
  };
}

/** The objects of a list of files by key; a key met twice keeps both, told apart by path. */
export function objectsByKey(files: readonly OutputFile[]): Map<string, DiffObject> {
  const byKey = new Map<string, DiffObject>();
  for (const file of files) {
    const object = toDiffObject(file);
    if (object === undefined) continue;
    const key = byKey.has(object.key) ? `${object.key}\0${object.path}` : object.key;
    byKey.set(key, { ...object, key });
  }
  return byKey;
}

/** `Kind namespace/name`, or `Kind name` for a cluster-scoped object. */
export function objectLabel(o: { kind: string; namespace: string; name: string }): string {
  return o.namespace === "" ? `${o.kind} ${o.name}` : `${o.kind} ${o.namespace}/${o.name}`;
}
