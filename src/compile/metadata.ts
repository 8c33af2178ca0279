import type { ResolvedDataset } from "../resolve/types.js";
import type { K8sObject } from "../render/types.js";
import type { Resource, StackResource } from "../validate/types.js";
import { k8sName } from "./names.js";
import { sourceLine } from "./source-line.js";

/** Who an object belongs to: everything its labels and annotations are made from. */
export interface Owner {
  resource: Resource;
  /** `<name><stamp>` of the resource. */
  instance: string;
  /** `app.kubernetes.io/component`: the orchestrator or resource type. */
  component: string;
  /** The stacks behind the objects (a Workflow's jobs may use several). */
  stacks: readonly StackResource[];
  datasets: readonly ResolvedDataset[];
}

export const MANAGED_BY = "stackyard";

/** The labels that select a runnable's pods: few and never changing, since selectors are immutable. */
export function selectorLabels(owner: Owner): Record<string, string> {
  return {
    "app.kubernetes.io/instance": labelValue(owner.instance),
    "app.kubernetes.io/name": labelValue(owner.resource.meta.name),
  };
}

/** The labels that say who owns an object (the `ownership-labels` policy requires them). */
export const OWNER_LABEL = "stackyard.dev/owner";
export const TEAM_LABEL = "stackyard.dev/team";

/** The standard labels of every object a resource produces. */
export function standardLabels(owner: Owner): Record<string, string> {
  return {
    ...selectorLabels(owner),
    "app.kubernetes.io/component": labelValue(owner.component),
    "app.kubernetes.io/managed-by": MANAGED_BY,
    "app.kubernetes.io/part-of": labelValue(owner.resource.meta.workspace),
    ...ownershipLabels(owner.resource),
  };
}

/** `stackyard.dev/owner` from the resource's `owner`, `stackyard.dev/team` from its `team:<name>` tag. */
function ownershipLabels(resource: Resource): Record<string, string> {
  const labels: Record<string, string> = {};
  const owner = safeLabelValue(resource.meta.owner ?? "");
  const team = safeLabelValue(
    resource.meta.tags.find((t) => t.startsWith("team:"))?.slice(5) ?? "",
  );
  if (owner !== "") labels[OWNER_LABEL] = owner;
  if (team !== "") labels[TEAM_LABEL] = team;
  return labels;
}

/** A free-form value (an e-mail address, "Data Platform") made a valid label value. */
function safeLabelValue(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 63);
  return cleaned.replace(/^[^A-Za-z0-9]+/, "").replace(/[^A-Za-z0-9]+$/, "");
}

/** The `stackyard.dev/` annotations: identity, stack, source position and dataset lineage. */
export function standardAnnotations(owner: Owner): Record<string, string> {
  const { resource } = owner;
  const annotations: Record<string, string> = {
    "stackyard.dev/resource-id": resource.id,
    "stackyard.dev/source": `${resource.origin.source.file}:${sourceLine(resource.origin)}`,
  };
  const stacks = [...new Set(owner.stacks.map(stackRef))].sort().join(",");
  if (stacks !== "") annotations["stackyard.dev/stack"] = stacks;
  const read = addresses(owner.datasets, "r");
  const written = addresses(owner.datasets, "rw");
  if (read !== "") annotations["stackyard.dev/datasets-read"] = read;
  if (written !== "") annotations["stackyard.dev/datasets-written"] = written;
  return annotations;
}

/** Metadata for an object named `name` in `namespace`, labelled and annotated for its owner. */
export function objectMeta(owner: Owner, name: string, namespace: string): K8sObject["metadata"] {
  return {
    name: k8sName(name),
    namespace,
    labels: standardLabels(owner),
    annotations: standardAnnotations(owner),
  };
}

/** `name+flavor:version`, the canonical stack reference. */
export function stackRef(stack: StackResource): string {
  const { name, flavor, version } = stack.spec;
  return `${name}${flavor === undefined ? "" : `+${flavor}`}:${version}`;
}

/** A label value: at most 63 characters (names are already lower-case DNS labels). */
export function labelValue(value: string): string {
  return k8sName(value);
}

function addresses(datasets: readonly ResolvedDataset[], acl: "r" | "rw"): string {
  const set = new Set(datasets.filter((d) => d.acl === acl).map((d) => d.address));
  return [...set].sort().join(",");
}
