import type { ObjectChange } from "../types.js";
import type { RiskRule } from "./rule.js";

/** API groups served by Kubernetes itself; any other group with a dot is a custom resource. */
function isCustomResource(apiVersion: string): boolean {
  const slash = apiVersion.indexOf("/");
  if (slash === -1) return false;
  const group = apiVersion.slice(0, slash);
  return group.includes(".") && !group.endsWith(".k8s.io");
}

/**
 * How the base object goes away: removed, or renamed (which deletes the old one too). Objects
 * annotated for Argo CD with `Prune=false` are left in the cluster by a sync: not a deletion.
 */
function goesAway(change: ObjectChange): string | undefined {
  if (keptOnSync(change)) return undefined;
  if (change.status === "removed") return "is deleted";
  if (change.status === "renamed") return `is deleted and recreated as ${change.name} (a rename)`;
  return undefined;
}

function keptOnSync(change: ObjectChange): boolean {
  const metadata = change.base?.object["metadata"] as
    { annotations?: Record<string, unknown> } | undefined;
  const options = metadata?.annotations?.["argocd.argoproj.io/sync-options"];
  return typeof options === "string" && options.split(",").some((o) => o.trim() === "Prune=false");
}

function oldName(change: ObjectChange): string {
  const name = change.previousName ?? change.name;
  return name.includes("/") || change.namespace === "" ? name : `${change.namespace}/${name}`;
}

/** Deleting a volume claim loses its data unless the volume is retained. */
export const pvcDeleted: RiskRule = {
  id: "pvc-deleted",
  level: "danger",
  summary: "A PersistentVolumeClaim is deleted or renamed: its data can be lost.",
  check(change) {
    const how = change.kind === "PersistentVolumeClaim" ? goesAway(change) : undefined;
    return how === undefined
      ? []
      : [
          `PersistentVolumeClaim ${oldName(change)} ${how}: its volume's data is lost unless the reclaim policy is Retain`,
        ];
  },
};

/** Deleting a namespace deletes everything in it, including objects stackyard does not own. */
export const namespaceDeleted: RiskRule = {
  id: "namespace-deleted",
  level: "danger",
  summary: "A Namespace is deleted: every object in it goes too.",
  check(change) {
    const how = change.kind === "Namespace" ? goesAway(change) : undefined;
    return how === undefined
      ? []
      : [
          `Namespace ${change.previousName ?? change.name} ${how}: every object in it is deleted with it`,
        ];
  },
};

/** A custom resource's operator usually tears down what it manages when the object goes. */
export const customResourceDeleted: RiskRule = {
  id: "custom-resource-deleted",
  level: "warning",
  summary:
    "A custom resource (CRD-backed object) is deleted: its operator may tear down what it manages.",
  check(change) {
    const how = isCustomResource(change.apiVersion) ? goesAway(change) : undefined;
    return how === undefined
      ? []
      : [
          `${change.kind} ${oldName(change)} (${change.apiVersion}) ${how}: its operator stops or removes what it manages`,
        ];
  },
};
