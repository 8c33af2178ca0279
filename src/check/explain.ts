import type { EmitObject } from "../compile/emit-object.js";
import type { SourceLocation } from "../diagnostics/diagnostic.js";
import { stackRef } from "../compile/metadata.js";
import { createLineIndex } from "../diagnostics/line-index.js";
import { didYouMean, formatChoices } from "../diagnostics/suggest.js";
import { nodeAtPath, rangeAtPath } from "../parse/node-at-path.js";
import type { ObjectPath } from "./k8s/validate-object.js";
import { originOf, valueAt, type FieldOrigin, type ProvenanceIndex } from "./provenance.js";
import { stackTemplates } from "./stack-templates.js";

/** A place for people: file, line and column. */
export interface Place {
  file: string;
  line: number;
  column: number;
}

/** What `stackyard explain` says about an object, and about one of its fields when asked. */
export interface Explanation {
  object: {
    apiVersion: string;
    kind: string;
    name: string;
    namespace?: string;
    cluster: string;
    unit: string;
  };
  resource?: { id: string; at: Place };
  /**
   * For the Namespace of a workspace, in place of `resource`: it is made for every object in
   * the workspace, so for the resources they come from (`file` when they are all in one).
   */
  workspace?: { name: string; resources: Array<{ id: string; at: Place }>; file?: string };
  stacks: Array<{ ref: string; file: string; templates: string[] }>;
  field?: {
    path: string;
    value: unknown;
    /** `at` is absent when several resources of a workspace made its Namespace. */
    origin: Omit<FieldOrigin, "at"> & { at?: Place };
    /** The HorizontalPodAutoscaler that sets an autoscaled Deployment's replicas in the cluster. */
    autoscaler?: { name: string; file?: string; minReplicas: number; maxReplicas: number };
  };
}

/** The other objects of the build, for answers that involve more than the object asked about. */
export interface RelatedObjects {
  objects: readonly EmitObject[];
  /** An object's path in the out dir. */
  pathOf?: (o: EmitObject) => string;
}

/**
 * The HorizontalPodAutoscaler that sets the replicas of `emit` (a Deployment of the same
 * cluster and namespace it targets) when `path` asks for them; undefined otherwise.
 */
export function replicasManagedBy(
  emit: EmitObject,
  path: ObjectPath,
  objects: readonly EmitObject[],
): EmitObject | undefined {
  const { kind, apiVersion, metadata } = emit.object;
  if (path.length !== 2 || path[0] !== "spec" || path[1] !== "replicas") return undefined;
  return objects.find((o) => {
    const spec = o.object["spec"] as
      { scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string } } | undefined;
    const target = spec?.scaleTargetRef;
    return (
      o.object.kind === "HorizontalPodAutoscaler" &&
      o.cluster === emit.cluster &&
      o.workspace === emit.workspace &&
      target?.kind === kind &&
      target.apiVersion === apiVersion &&
      target.name === metadata.name
    );
  });
}

/**
 * The objects an OBJECT argument names: `kind/name`, `namespace/kind/name`, or an out/ file name.
 * With `pathOf` (an object's path in the out dir, `<cluster>/<workspace>/<unit>/<file>`), a file
 * name matches the objects whose path ends as it does: `out/edge/retail/x.yaml` is edge's only.
 */
export function findObjects(
  objects: readonly EmitObject[],
  query: string,
  pathOf?: (o: EmitObject) => string,
): EmitObject[] {
  const q = query.toLowerCase().replace(/\\/g, "/");
  if (q.endsWith(".yaml") && pathOf !== undefined) {
    const asked = q.split("/").filter((s) => s !== "" && s !== ".");
    return objects.filter((o) => {
      const path = pathOf(o).toLowerCase().split("/");
      const n = Math.min(asked.length, path.length);
      return asked.slice(-n).join("/") === path.slice(-n).join("/");
    });
  }
  if (q.endsWith(".yaml")) {
    const file = q.split("/").pop()!;
    // The folder names the resource (`worker-orders/`), which tells apart objects of equal names.
    const folder = q.split("/").slice(-2, -1)[0];
    return objects.filter(
      (o) =>
        `${o.object.kind}-${o.object.metadata.name}.yaml`.toLowerCase() === file &&
        (folder === undefined || o.unit === "" || o.unit === folder),
    );
  }
  const parts = q.split("/");
  const [ns, kind, name] = parts.length === 3 ? parts : [undefined, parts[0], parts[1]];
  return objects.filter(
    (o) =>
      o.object.kind.toLowerCase() === kind &&
      o.object.metadata.name === name &&
      (ns === undefined || o.workspace === ns),
  );
}

/**
 * `spec.template.spec.containers[0].image` or `…containers.0.image` → a path. A key with dots
 * (a label) is quoted in brackets, `metadata.labels["app.kubernetes.io/name"]`, or written as
 * is and found by resolveFieldPath.
 */
export function parseFieldPath(field: string): ObjectPath {
  const path: Array<string | number> = [];
  for (const m of field.matchAll(/\[\s*(?:"([^"]*)"|'([^']*)'|(\d+))\s*\]|([^.[\]]+)/g)) {
    const quoted = m[1] ?? m[2];
    if (quoted !== undefined) path.push(quoted);
    else if (m[3] !== undefined) path.push(Number(m[3]));
    else path.push(/^\d+$/.test(m[4]!) ? Number(m[4]) : m[4]!);
  }
  return path;
}

/**
 * The path as the object's keys have it: a key with dots (`app.kubernetes.io/name`) written
 * unquoted was split at them, and is joined again where the object has such a key.
 */
export function resolveFieldPath(object: EmitObject["object"], path: ObjectPath): ObjectPath {
  const resolved: Array<string | number> = [];
  let node: unknown = object;
  for (let i = 0; i < path.length; i++) {
    let step = path[i]!;
    if (node !== null && typeof node === "object" && !Array.isArray(node)) {
      for (let j = i + 1; j < path.length && !Object.hasOwn(node, String(step)); j++) {
        const joined = path.slice(i, j + 1).join(".");
        if (Object.hasOwn(node, joined)) {
          step = joined;
          i = j;
        }
      }
      // A mistyped dotted key (`app.kubernetes.io/nmae`) stays one key, for the did-you-mean.
      const prefix = `${String(step)}.`;
      if (
        !Object.hasOwn(node, String(step)) &&
        Object.keys(node).some((k) => k.startsWith(prefix))
      ) {
        step = path.slice(i).join(".");
        i = path.length - 1;
      }
    }
    resolved.push(step);
    node =
      node !== null && typeof node === "object"
        ? (node as Record<string | number, unknown>)[step]
        : undefined;
  }
  return resolved;
}

/** `spec.template.spec.containers[0].image`: a path as people write it. */
export function formatFieldPath(path: ObjectPath): string {
  return path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

/**
 * Why `path` names nothing in the object, with what would be valid there (the nearest
 * existing path: a field of the deepest object reached, or the indexes of a list); undefined
 * when the path holds a value. A field the object does not have has no origin to explain.
 */
export function missingField(
  object: EmitObject["object"],
  path: ObjectPath,
): { message: string; hint: string } | undefined {
  const what = `${object.kind} ${object.metadata.name}`;
  let node: unknown = object;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    const here = formatFieldPath(path.slice(0, i));
    const asked = formatFieldPath(path.slice(0, i + 1));
    if (Array.isArray(node)) {
      const n = node.length;
      const indexes =
        n === 0
          ? "the list is empty"
          : n === 1
            ? `its only index is 0`
            : `its indexes are 0 to ${n - 1}`;
      if (typeof step !== "number")
        return {
          message: `${here} of ${what} is a list: it has no field \`${step}\``,
          hint: `index the list by number, as in ${here}[0]; ${indexes}`,
        };
      if (step >= n)
        return {
          message: `${what} has no ${asked}: ${here} has ${n} element${n === 1 ? "" : "s"}`,
          hint: `${indexes}${n === 0 ? "" : ` (ask about ${here}[${n - 1}])`}`,
        };
      node = node[step];
      continue;
    }
    if (node !== null && typeof node === "object") {
      const fields = Object.keys(node);
      if (typeof step === "string" && Object.hasOwn(node, step)) {
        node = (node as Record<string, unknown>)[step];
        continue;
      }
      const under = i === 0 ? "at the top" : `under ${here}`;
      const guess = didYouMean(String(step), fields);
      const join = (f: string) => (i === 0 ? f : `${here}.${f}`);
      return {
        message: `${what} has no field ${asked}`,
        hint: `${guess === undefined ? "" : `did you mean ${join(guess)}? `}fields ${under}: ${formatChoices(fields.sort())}`,
      };
    }
    return {
      message: `${what} has no field ${asked}: ${here} is ${JSON.stringify(node)}, not an object or a list`,
      hint: `ask about ${here} itself`,
    };
  }
  return undefined;
}

/**
 * Explains one object (and a field of it): the resource, the stacks and templates, the field's
 * origin. `overrideAt` (see RepoInspection) tells a value one of the object's cluster's
 * overrides set, which is then explained from its line in stackyard.yaml.
 */
export function explainObject(
  emit: EmitObject,
  provenance: ProvenanceIndex,
  sources: ReadonlyMap<string, string>,
  field?: ObjectPath,
  overrideAt?: (cluster: string, at: SourceLocation) => SourceLocation | undefined,
  related?: RelatedObjects,
): Explanation {
  const p = provenance.of(emit);
  const { object } = emit;
  const explanation: Explanation = {
    object: {
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: object.metadata.name,
      cluster: emit.cluster,
      unit: emit.unit,
    },
    stacks: uniqueStacks(p.runnables),
  };
  if (object.metadata.namespace !== undefined)
    explanation.object.namespace = object.metadata.namespace;
  const workspace =
    related !== undefined && isWorkspaceNamespace(emit)
      ? workspaceMembers(emit, provenance, sources, related.objects)
      : undefined;
  if (workspace !== undefined) {
    // The stacks of the resource it was attributed to are not the Namespace's.
    explanation.stacks = [];
    explanation.workspace = {
      name: workspace.name,
      resources: workspace.resources.map(({ id, at }) => ({ id, at })),
      ...(workspace.file !== undefined ? { file: workspace.file } : {}),
    };
  } else if (p.resource !== undefined) {
    const { source, path } = p.resource.origin;
    explanation.resource = {
      id: p.resource.id,
      at: place(sources, source.file, rangeAtPath(source, [...path, "name"]).start),
    };
  }
  if (field !== undefined) {
    const value = valueAt(object, field);
    const found = originOf(p, field, value);
    const overridden = overrideAt?.(emit.cluster, found.at);
    const origin: FieldOrigin =
      overridden === undefined
        ? found
        : {
            ...found,
            kind: "config",
            at: overridden,
            note: `an override of cluster ${emit.cluster}, in place of ${found.note}`,
          };
    explanation.field = {
      path: field.join("."),
      value,
      origin:
        workspace === undefined
          ? { ...origin, at: place(sources, origin.at.file, origin.at.range.start) }
          : namespaceOrigin(workspace),
    };
    const hpa =
      value === undefined && related !== undefined
        ? replicasManagedBy(emit, field, related.objects)
        : undefined;
    if (hpa !== undefined) {
      const spec = hpa.object["spec"] as { minReplicas?: number; maxReplicas?: number };
      explanation.field.autoscaler = {
        name: hpa.object.metadata.name,
        ...(related?.pathOf !== undefined ? { file: related.pathOf(hpa) } : {}),
        minReplicas: spec.minReplicas ?? 1,
        maxReplicas: spec.maxReplicas ?? 1,
      };
    }
  }
  return explanation;
}

/** The Namespace stackyard makes for a workspace (compile/namespace.ts), not a stack's object. */
function isWorkspaceNamespace(emit: EmitObject): boolean {
  const { apiVersion, kind, metadata } = emit.object;
  return (
    apiVersion === "v1" &&
    kind === "Namespace" &&
    emit.unit === "" &&
    emit.workspace !== "" &&
    metadata.name === emit.workspace
  );
}

interface WorkspaceMember {
  id: string;
  at: Place;
  /** The resource's `workspace:` line, when it wrote one that names this workspace. */
  workspaceAt?: Place;
}

/** The resources whose objects the cluster receives in the Namespace's workspace, in file order. */
function workspaceMembers(
  emit: EmitObject,
  provenance: ProvenanceIndex,
  sources: ReadonlyMap<string, string>,
  objects: readonly EmitObject[],
): { name: string; resources: WorkspaceMember[]; file?: string } {
  const byId = new Map<string, WorkspaceMember>();
  for (const o of objects) {
    if (o === emit || o.cluster !== emit.cluster || o.workspace !== emit.workspace) continue;
    if (byId.has(o.source.resourceId)) continue;
    const resource = provenance.of(o).resource;
    if (resource === undefined) {
      const { file, line, resourceId } = o.source;
      byId.set(resourceId, { id: resourceId, at: { file, line, column: 1 } });
      continue;
    }
    const { source, path } = resource.origin;
    const member: WorkspaceMember = {
      id: resource.id,
      at: place(sources, source.file, rangeAtPath(source, [...path, "name"]).start),
    };
    if (
      resource.meta.workspace === emit.workspace &&
      nodeAtPath(source.doc, [...path, "workspace"])
    )
      member.workspaceAt = place(
        sources,
        source.file,
        rangeAtPath(source, [...path, "workspace"]).start,
      );
    byId.set(resource.id, member);
  }
  const resources = [...byId.values()].sort(
    (a, b) => (a.at.file < b.at.file ? -1 : a.at.file > b.at.file ? 1 : 0) || a.at.line - b.at.line,
  );
  const files = new Set(resources.map((r) => r.at.file));
  const name = emit.workspace;
  return files.size === 1 ? { name, resources, file: [...files][0]! } : { name, resources };
}

/** Every field of a workspace's Namespace: made by stackyard for the workspace. */
function namespaceOrigin(
  workspace: ReturnType<typeof workspaceMembers>,
): NonNullable<Explanation["field"]>["origin"] {
  const n = workspace.resources.length;
  const only = n === 1 ? workspace.resources[0] : undefined;
  const made = `the Namespace stackyard makes for workspace ${workspace.name}, which holds the objects of ${n} resource${n === 1 ? "" : "s"}`;
  if (only === undefined) return { kind: "generated", note: `${made} (see WORKSPACE)` };
  return {
    kind: "generated",
    note: `${made}: ${only.id}${only.workspaceAt !== undefined ? ", whose `workspace` names it" : ""}`,
    at: only.workspaceAt ?? only.at,
  };
}

function uniqueStacks(
  runnables: ReturnType<ProvenanceIndex["of"]>["runnables"],
): Explanation["stacks"] {
  const byRef = new Map<string, Explanation["stacks"][number]>();
  for (const r of runnables) {
    const ref = stackRef(r.stack);
    const entry = byRef.get(ref) ?? { ref, file: r.stack.origin.source.file, templates: [] };
    entry.templates = [
      ...new Set([...entry.templates, ...stackTemplates(r).map((t) => t.kind)]),
    ].sort();
    byRef.set(ref, entry);
  }
  return [...byRef.values()].sort((a, b) => (a.ref < b.ref ? -1 : 1));
}

function place(sources: ReadonlyMap<string, string>, file: string, offset: number): Place {
  const text = sources.get(file);
  if (text === undefined) return { file, line: 1, column: 1 };
  return { file, ...createLineIndex(text).position(offset) };
}
