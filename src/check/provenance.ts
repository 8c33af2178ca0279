import { isMap, isPair, isScalar, isSeq, type Node } from "yaml";
import type { EmitObject } from "../compile/emit-object.js";
import { DEFAULT_RESOURCES } from "../compile/container-resources.js";
import { stackRef } from "../compile/metadata.js";
import { isWritten } from "../compile/positions.js";
import type { SourceLocation, SourceRange } from "../diagnostics/diagnostic.js";
import { createLineIndex } from "../diagnostics/line-index.js";
import { nodeAtPath, rangeAtPath } from "../parse/node-at-path.js";
import type { NodePath } from "../parse/types.js";
import { keyLineInTemplate, templateRange } from "../render/template-location.js";
import type { RenderedRunnable } from "../render/types.js";
import type { Autoscaling, Origin, Resource } from "../validate/types.js";
import type { ObjectPath } from "./k8s/validate-object.js";
import {
  pathLineInTemplate,
  stackTemplates,
  type TemplateKind,
  type TemplateStep,
} from "./stack-templates.js";

/** What produced an object or one of its fields. */
export interface FieldOrigin {
  kind: "resource" | "template" | "stack" | "compute" | "default" | "config" | "generated";
  /** The line the value comes from; the resource's own line for defaults and configuration. */
  at: SourceLocation;
  /** What produced it, in a few words for people. */
  note: string;
  /** The stack behind the object, and the template that wrote the field when one did. */
  stack?: { ref: string; file: string; template?: TemplateKind };
}

/** An emitted object with the resource and the rendered runnables it was compiled from. */
export interface ObjectProvenance {
  emit: EmitObject;
  resource?: Resource;
  runnables: readonly RenderedRunnable[];
}

/** Looks up where emitted objects came from; built once per compile. */
export interface ProvenanceIndex {
  of(emit: EmitObject): ObjectProvenance;
}

/** Indexes resources and rendered runnables by resource id, for provenance lookups. */
export function buildProvenance(
  runnables: readonly RenderedRunnable[],
  resources: readonly Resource[],
): ProvenanceIndex {
  const byId = new Map(resources.map((r) => [r.id, r]));
  const runnablesById = new Map<string, RenderedRunnable[]>();
  for (const r of runnables)
    runnablesById.set(r.resource.id, [...(runnablesById.get(r.resource.id) ?? []), r]);
  return {
    of(emit) {
      const id = emit.source.resourceId;
      const resource = byId.get(id);
      const base = { emit, runnables: runnablesById.get(id) ?? [] };
      return resource === undefined ? base : { ...base, resource };
    },
  };
}

/**
 * Where the value at `path` of an object came from: the resource line that wrote it, the stack
 * template line that rendered it, the stack field, the compute, or a stackyard default (then
 * positioned at the resource, the line a user can act on).
 */
export function originOf(p: ObjectProvenance, path: ObjectPath, value?: unknown): FieldOrigin {
  const r = runnableFor(p, path);
  const fallback = resourceOrigin(p);
  if (r === undefined) return fallback;
  const stack = { ref: stackRef(r.stack), file: r.stack.origin.source.file };
  for (const rule of MADE_FIELD_RULES) {
    if (!rule.matches(path) || !madeByStackyard(p)) continue;
    const found = rule.origin(r, path, p);
    if (found !== undefined) return { ...found, stack: found.stack ?? stack };
  }
  // A container of a pod stackyard made: the stack's defaults with the template's parts merged in.
  const container = containerAt(path);
  if (container !== undefined && templatesFor(p, r)[0] === "containerResourceTemplate") {
    const found = containerOrigin(p, r, container, value);
    return { ...found, stack: found.stack ?? stack };
  }
  const traced = traceValue(r, value);
  if (traced !== undefined)
    return { kind: "resource", at: traced, note: `written in ${traced.file}`, stack };
  for (const rule of FIELD_RULES) {
    if (!rule.matches(path)) continue;
    const found = rule.origin(r, path, p);
    if (found !== undefined) return { ...found, stack: found.stack ?? stack };
  }
  const fromTemplate = templateOrigin(r, templatesFor(p, r), path, value);
  return fromTemplate ?? { ...fallback, stack };
}

/**
 * Where a diagnostic about a field is reported: its origin, unless that is in a built-in stack,
 * a file that is not in the repository (no one there can edit it, and a GitHub annotation
 * cannot attach to it). Then it is the `stack:` line of the resource that uses the stack, and
 * the stack's line is a note.
 */
export function reportedAt(
  p: ObjectProvenance,
  path: ObjectPath,
  origin: FieldOrigin,
): { at: SourceLocation; builtin?: SourceLocation & { message: string } } {
  const r = runnableFor(p, path);
  if (r === undefined || !r.stack.builtin || origin.at.file !== r.stack.origin.source.file)
    return { at: origin.at };
  const { source, path: spec } = r.specOrigin;
  return {
    at: { file: source.file, range: rangeAtPath(source, [...spec, "stack"]) },
    builtin: { ...origin.at, message: `${origin.note} (built into stackyard)` },
  };
}

/** A field rule: fields whose origin is known from where the compiler takes them. */
interface FieldRule {
  matches(path: ObjectPath): boolean;
  origin(r: RenderedRunnable, path: ObjectPath, p: ObjectProvenance): FieldOrigin | undefined;
}

const FIELD_RULES: readonly FieldRule[] = [
  {
    // Ownership labels are made from the resource's `owner` and its `team:` tag.
    matches: isOwnershipLabel,
    origin: ownershipOrigin,
  },
  {
    matches: (path) =>
      indexOfKey(path, "resources") >= 0 &&
      /^(requests|limits)$/.test(String(path[indexOfKey(path, "resources") + 1])),
    origin: (r, path, p) =>
      resourcesOrigin(r, path, p, () => templateOrigin(r, templatesFor(p, r), path)),
  },
  {
    matches: (path) => path.length === 2 && path[0] === "spec" && path[1] === "replicas",
    origin: (r, _path, p) => {
      // An autoscaled Deployment has no replicas: its HorizontalPodAutoscaler sets them.
      if (p.emit.object.kind === "Deployment" && autoScalingOf(r)?.enabled === true) {
        const ignored = isWritten(r.specOrigin, ["replicas"])
          ? `; the resource's \`replicas\` (line ${lineOf(r.specOrigin, ["replicas"])}) is not used while it autoscales`
          : "";
        return at(
          r.specOrigin,
          ["autoScaling"],
          "resource",
          `left out of the Deployment: the resource's \`autoScaling\` makes a HorizontalPodAutoscaler, which sets the replicas${ignored}`,
        );
      }
      return isWritten(r.specOrigin, ["replicas"])
        ? at(r.specOrigin, ["replicas"], "resource", "the resource's `replicas`")
        : defaultOrigin(p, "the default of 1 replica");
    },
  },
  {
    matches: (path) => path.includes("securityContext"),
    origin: (r, path, p) =>
      templateOrigin(r, templatesFor(p, r), path) ??
      defaultOrigin(
        p,
        `stackyard's restricted pod-security defaults (stack ${stackRef(r.stack)} declares profile ${r.stack.spec.podSecurity?.profile ?? "restricted"})`,
      ),
  },
  {
    matches: (path) => path.includes("nodeSelector") || path.includes("tolerations"),
    origin: (r, path) => {
      const key = path.includes("nodeSelector") ? "nodeSelector" : "tolerations";
      return at(
        r.compute.origin,
        ["compute", "nodePool", key],
        "compute",
        `compute ${r.compute.meta.name}`,
      );
    },
  },
  {
    // Probes come from the stack's `probes`, unless its container template wrote its own.
    matches: (path) =>
      path.some((k) => typeof k === "string" && /^(readiness|liveness|startup)Probe$/.test(k)),
    origin: (r, path, p) => {
      const field = path.find((k): k is string => typeof k === "string" && k.endsWith("Probe"))!;
      const kind = field.replace(/Probe$/, "");
      return (
        templateOrigin(r, templatesFor(p, r), [field]) ??
        (r.stack.spec.probes?.[kind as "readiness"]
          ? at(
              r.stack.origin,
              ["stack", "probes", kind],
              "stack",
              `the ${kind} probe of stack ${stackRef(r.stack)}`,
            )
          : undefined)
      );
    },
  },
  {
    matches: (path) => path[path.length - 1] === "image",
    origin: (r, path, p) =>
      templateOrigin(r, templatesFor(p, r), path) ??
      (r.stack.spec.image
        ? at(r.stack.origin, ["stack", "image"], "stack", `the image of stack ${stackRef(r.stack)}`)
        : undefined),
  },
];

/**
 * Rules for the objects stackyard makes itself (not a stack template's): tried before a value is
 * traced to the resource, since an equal string elsewhere in the spec (a command argument equal
 * to the resource's name) did not write them.
 */
const MADE_FIELD_RULES: readonly FieldRule[] = [
  {
    // Ownership labels are made from the resource's `owner` and its `team:` tag.
    matches: isOwnershipLabel,
    origin: ownershipOrigin,
  },
  {
    // Named after the resource, in its workspace; other metadata is stackyard's own.
    matches: (path) => path[0] === "metadata" && path.length >= 2,
    origin: (r, path, p) => {
      const { resource } = r;
      // A Workflow job's objects may be named after the job instead.
      if (path[1] === "name" && path.length === 2)
        return p.emit.object.metadata.name.includes(resource.meta.name)
          ? at(resource.origin, ["name"], "resource", "named after the resource's `name`")
          : undefined;
      if (path[1] === "namespace" && path.length === 2) {
        if (p.emit.object.metadata.namespace !== r.workspace) return undefined;
        return isWritten(resource.origin, ["workspace"])
          ? at(resource.origin, ["workspace"], "resource", "the resource's `workspace`")
          : defaultOrigin(
              p,
              `the default workspace (${r.workspace}): the resource names none, and stackyard.yaml's \`defaultWorkspace\` is used`,
            );
      }
      return {
        ...resourceOrigin(p),
        note: `stackyard's ${String(path[1])} of every object it makes for ${resource.meta.type} ${resource.meta.name}`,
      };
    },
  },
  {
    // An autoscaler scales the Deployment stackyard makes for the same runnable.
    matches: (path) => path[0] === "spec" && path[1] === "scaleTargetRef",
    origin: (r, _path, p) => {
      if (p.emit.object.kind !== "HorizontalPodAutoscaler") return undefined;
      const target = (p.emit.object["spec"] as { scaleTargetRef?: { name?: string } })
        .scaleTargetRef;
      return {
        ...resourceOrigin(p),
        note: `the Deployment stackyard makes for ${r.resource.meta.type} ${r.resource.meta.name} (${target?.name ?? "?"}), which the resource's \`autoScaling\` scales`,
      };
    },
  },
  {
    // The HorizontalPodAutoscaler is made from the runnable's `autoScaling`: its limits and
    // metric targets from the keys of the same name, the rest of its spec from the block.
    matches: (path) =>
      path[0] === "spec" &&
      (path.length === 1 ||
        ((path[1] === "minReplicas" || path[1] === "maxReplicas") && path.length === 2) ||
        path[1] === "metrics"),
    origin: (r, path, p) => {
      if (p.emit.object.kind !== "HorizontalPodAutoscaler") return undefined;
      if (path.length === 1)
        return isWritten(r.specOrigin, ["autoScaling"])
          ? at(r.specOrigin, ["autoScaling"], "resource", "the resource's `autoScaling`")
          : undefined;
      const metric = path[1] === "metrics" ? metricKey(p.emit.object, path[2]) : undefined;
      if (path[1] === "metrics" && metric === undefined)
        return isWritten(r.specOrigin, ["autoScaling"])
          ? at(r.specOrigin, ["autoScaling"], "resource", "the resource's `autoScaling` targets")
          : undefined;
      const key = metric ?? String(path[1]);
      if (isWritten(r.specOrigin, ["autoScaling", key]))
        return at(
          r.specOrigin,
          ["autoScaling", key],
          "resource",
          `the resource's \`autoScaling.${key}\``,
        );
      return isWritten(r.specOrigin, ["autoScaling"])
        ? at(r.specOrigin, ["autoScaling"], "default", `the default of \`autoScaling.${key}\``)
        : undefined;
    },
  },
];

function isOwnershipLabel(path: ObjectPath): boolean {
  return (
    path[0] === "metadata" &&
    path[1] === "labels" &&
    /^stackyard\.dev\/(owner|team)$/.test(String(path[2]))
  );
}

function ownershipOrigin(r: RenderedRunnable, path: ObjectPath): FieldOrigin {
  const key = path[2] === "stackyard.dev/owner" ? "owner" : "tags";
  return at(r.resource.origin, [key], "resource", `the resource's \`${key}\``);
}

/** The runnable an object path belongs to: a Workflow template's job, else the resource's first. */
function runnableFor(p: ObjectProvenance, path: ObjectPath): RenderedRunnable | undefined {
  const templates = indexOfKey(path, "templates");
  if (templates >= 0 && typeof path[templates + 1] === "number") {
    const node = valueAt(p.emit.object, path.slice(0, templates + 2)) as
      { metadata?: { labels?: Record<string, string> } } | undefined;
    const job = node?.metadata?.labels?.["stackyard.dev/job"];
    const found = p.runnables.find((r) => r.job?.name === job);
    if (found !== undefined) return found;
  }
  // An object a job's own template rendered is that job's, not the first job's.
  const { kind, metadata } = p.emit.object;
  const same = (o: { kind: string; metadata: { name: string } }) =>
    o.kind === kind && o.metadata.name === metadata.name;
  return (
    p.runnables.find(
      (r) =>
        (r.resourceObject !== undefined && same(r.resourceObject)) || r.extraObjects.some(same),
    ) ?? p.runnables[0]
  );
}

/** True when stackyard made the object itself, not a stack's resourceTemplate or extraResourcesTemplate. */
function madeByStackyard(p: ObjectProvenance): boolean {
  // Any runnable's: a Workflow's extra objects may be another job's than the path's runnable.
  return p.runnables.every((r) => templatesFor(p, r)[0] === "containerResourceTemplate");
}

/** The templates that may have written a field: the one that rendered a whole object, else the container's. */
function templatesFor(p: ObjectProvenance, r: RenderedRunnable): TemplateKind[] {
  const { kind, metadata } = p.emit.object;
  const same = (o: { kind: string; metadata: { name: string } }) =>
    o.kind === kind && o.metadata.name === metadata.name;
  if (r.resourceObject !== undefined && same(r.resourceObject)) return ["resourceTemplate"];
  if (r.extraObjects.some(same)) return ["extraResourcesTemplate"];
  return ["containerResourceTemplate"];
}

/**
 * The template line that writes the last key of `path`. Parent keys are not tried: a template
 * that writes `container:` did not write the env var stackyard added inside it.
 */
function templateOrigin(
  r: RenderedRunnable,
  kinds: readonly TemplateKind[],
  path: ObjectPath,
  value?: unknown,
): FieldOrigin | undefined {
  const templates = stackTemplates(r).filter((t) => kinds.includes(t.kind));
  const keys = path.filter((k): k is string => typeof k === "string").slice(-1);
  for (const t of templates) {
    for (const key of keys) {
      const hit = keyLineInTemplate(t.text, key, value);
      if (hit === undefined) continue;
      const source = r.stack.origin.source;
      return {
        kind: "template",
        at: { file: source.file, range: templateRange(source, t.path, hit.line, hit.column) },
        note: `${t.kind} of stack ${stackRef(r.stack)}, template line ${hit.line}`,
        stack: { ref: stackRef(r.stack), file: source.file, template: t.kind },
      };
    }
  }
  return undefined;
}

/** The resource line that holds `value`, when the runnable's spec wrote it verbatim. */
function traceValue(r: RenderedRunnable, value: unknown): SourceLocation | undefined {
  if (typeof value !== "string" || value.length < 4) return undefined;
  const { source, path } = r.specOrigin;
  const range = findScalar(nodeAtPath(source.doc, path), value);
  return range === undefined ? undefined : { file: source.file, range };
}

function findScalar(root: unknown, value: string): SourceRange | undefined {
  const queue: unknown[] = [root];
  while (queue.length > 0) {
    const node = queue.shift();
    if (isScalar(node) && node.value === value && node.range)
      return { start: node.range[0], end: node.range[1] };
    if (isMap(node) || isSeq(node)) queue.push(...node.items);
    else if (isPair(node)) queue.push(node.value as Node);
  }
  return undefined;
}

function resourceOrigin(p: ObjectProvenance): FieldOrigin {
  if (p.resource === undefined) {
    return {
      kind: "generated",
      at: { file: p.emit.source.file, range: { start: 0, end: 1 } },
      note: "generated by stackyard",
    };
  }
  const { origin } = p.resource;
  return {
    kind: "generated",
    at: { file: origin.source.file, range: rangeAtPath(origin.source, [...origin.path, "name"]) },
    note: `generated by stackyard for ${p.resource.meta.type} ${p.resource.meta.name}`,
  };
}

function defaultOrigin(p: ObjectProvenance, note: string): FieldOrigin {
  return { ...resourceOrigin(p), kind: "default", note };
}

function at(origin: Origin, path: NodePath, kind: FieldOrigin["kind"], note: string): FieldOrigin {
  const { source } = origin;
  return {
    kind,
    at: { file: source.file, range: rangeAtPath(source, [...origin.path, ...path]) },
    note,
  };
}

/** The `autoScaling` of a Worker or Service runnable; undefined for other types. */
function autoScalingOf(r: RenderedRunnable): Autoscaling | undefined {
  return (r.spec as { autoScaling?: Autoscaling }).autoScaling;
}

/** The 1-based line of a path below an origin. */
function lineOf(origin: Origin, path: NodePath): number {
  const { source } = origin;
  return createLineIndex(source.text).position(rangeAtPath(source, [...origin.path, ...path]).start)
    .line;
}

function defaultResources(side: string): string {
  const values = side === "limits" ? DEFAULT_RESOURCES.limits : DEFAULT_RESOURCES.requests;
  return `cpu ${values.cpu}, memory ${values.memory}`;
}

function indexOfKey(path: ObjectPath, key: string): number {
  return path.lastIndexOf(key);
}

/** The value at a path of plain data. */
export function valueAt(value: unknown, path: ObjectPath): unknown {
  let node = value;
  for (const step of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

/** The `autoScaling` key an HPA metric comes from: its resource's utilization target. */
function metricKey(
  object: EmitObject["object"],
  index: string | number | undefined,
): string | undefined {
  const spec = object["spec"] as { metrics?: Array<{ resource?: { name?: string } }> } | undefined;
  const name = typeof index === "number" ? spec?.metrics?.[index]?.resource?.name : undefined;
  if (name === "cpu") return "targetCPUUtilizationPercentage";
  if (name === "memory") return "targetMemoryUtilizationPercentage";
  return undefined;
}

/** The requests or limits at `path` (`…resources.limits.cpu`): the resource's, a template's, or stackyard's default. */
function resourcesOrigin(
  r: RenderedRunnable,
  path: ObjectPath,
  p: ObjectProvenance,
  fromTemplate: () => FieldOrigin | undefined,
): FieldOrigin {
  const i = indexOfKey(path, "resources");
  const [side, name] = [String(path[i + 1]), path[i + 2]];
  if (!/^(requests|limits)$/.test(side))
    return isWritten(r.specOrigin, ["resources"])
      ? at(r.specOrigin, ["resources"], "resource", "the resource's `resources`")
      : defaultOrigin(p, "stackyard's default requests and limits");
  const written = typeof name === "string" && isWritten(r.specOrigin, ["resources", side, name]);
  if (written)
    return at(r.specOrigin, ["resources", side, name], "resource", "the resource's `resources`");
  return (
    fromTemplate() ?? defaultOrigin(p, `stackyard's default ${side} (${defaultResources(side)})`)
  );
}

/** A path inside a container of a pod: the part of a containerResourceTemplate it stands for. */
interface InContainer {
  /** `container` is the main one; sidecars and init containers are the template's own. */
  part: "container" | "initContainers" | "sidecars";
  index: number;
  /** The container's path in the object, and the path below it. */
  at: ObjectPath;
  rest: ObjectPath;
  /** An Argo container template, whose main container Argo names `main`. */
  argo: boolean;
}

/**
 * Where a path lands in a pod stackyard made: a Deployment lists the main container first and
 * the sidecars after it (`containers[0]`, `containers[1…]`); an Argo template has `container`
 * and `sidecars`; both have `initContainers`.
 */
function containerAt(path: ObjectPath): InContainer | undefined {
  for (let i = 0; i < path.length; i++) {
    const [key, next, before] = [path[i], path[i + 1], path[i - 1]];
    const found = (part: InContainer["part"], index: number, size: number, argo: boolean) => ({
      part,
      index,
      at: path.slice(0, i + size),
      rest: path.slice(i + size),
      argo,
    });
    if (key === "initContainers" && typeof next === "number")
      return found("initContainers", next, 2, typeof before === "number");
    if (key === "containers" && typeof next === "number")
      return next === 0 ? found("container", 0, 2, false) : found("sidecars", next - 1, 2, false);
    if (key === "sidecars" && typeof next === "number" && typeof before === "number")
      return found("sidecars", next, 2, true);
    if (key === "container" && typeof before === "number") return found("container", 0, 1, true);
  }
  return undefined;
}

/**
 * The origin of a container's field. The main container is stackyard's default one (the stack's
 * image, command, arguments and environment, the platform's env, the resource's sizing) with the
 * template's `container` merged over it: its fields win, its `env`, `volumeMounts` and
 * `envFrom` entries are merged by name, path and value. Init containers and sidecars are the
 * template's, given the resource's sizing and the restricted security defaults they lack.
 */
function containerOrigin(
  p: ObjectProvenance,
  r: RenderedRunnable,
  c: InContainer,
  value: unknown,
): FieldOrigin {
  const [field, ...below] = c.rest;
  const made = `the ${c.part === "container" ? "main container" : "container"} stackyard makes for ${r.resource.meta.type} ${r.resource.meta.name}`;
  if (c.part !== "container") {
    const part = (c.part === "initContainers" ? r.initContainers : r.sidecars)[c.index];
    if (part !== undefined && (field === undefined || valueAt(part, c.rest) !== undefined))
      return renderedOrigin(p, r, [c.part, c.index, ...c.rest], value);
    if (field === "resources") return resourcesOrigin(r, c.rest, p, () => undefined);
    if (field === "securityContext") return securityDefaults(r, p);
    return { ...resourceOrigin(p), note: made };
  }
  const t = r.container;
  if (field === undefined) return { ...resourceOrigin(p), note: made };
  const merged = MERGED_LISTS[String(field)];
  if (merged !== undefined && typeof below[0] === "number") {
    const entry = valueAt(p.emit.object, [...c.at, field, below[0]]);
    const ours = Array.isArray(t?.[field]) ? (t[field] as unknown[]) : [];
    const i = ours.findIndex((e) => merged.same(e, entry));
    if (entry !== undefined && i >= 0)
      return renderedOrigin(p, r, ["container", field, i, ...below.slice(1)], value);
    if (field === "env") return envOrigin(p, r, entry as { name?: unknown; value?: unknown });
    return { ...resourceOrigin(p), note: `${merged.note} of ${made}` };
  }
  if (field === "name" && c.argo)
    return { ...resourceOrigin(p), note: "Argo's name for a container template's container" };
  if (t !== undefined && Object.hasOwn(t, String(field)))
    return renderedOrigin(p, r, ["container", ...c.rest], value);
  const { spec } = r.stack;
  const ref = stackRef(r.stack);
  switch (field) {
    case "name":
      return at(r.resource.origin, ["name"], "resource", "named after the resource's `name`");
    case "image":
      if (spec.image !== undefined)
        return at(r.stack.origin, ["stack", "image"], "stack", `the image of stack ${ref}`);
      break;
    case "command":
      if (spec.command.length > 0)
        return at(r.stack.origin, ["stack", "command"], "stack", `the command of stack ${ref}`);
      break;
    case "args":
      if (spec.arguments.length > 0)
        return at(r.stack.origin, ["stack", "arguments"], "stack", `the arguments of stack ${ref}`);
      break;
    case "resources":
      return resourcesOrigin(r, c.rest, p, () => undefined);
    case "securityContext":
      return securityDefaults(r, p);
    default: {
      const probe = /^(readiness|liveness|startup)Probe$/.exec(String(field))?.[1];
      if (probe !== undefined && spec.probes?.[probe as "readiness"] !== undefined)
        return at(
          r.stack.origin,
          ["stack", "probes", probe],
          "stack",
          `the ${probe} probe of stack ${ref}`,
        );
    }
  }
  const traced = traceValue(r, value);
  if (traced !== undefined)
    return { kind: "resource", at: traced, note: `written in ${traced.file}` };
  return { ...resourceOrigin(p), note: made };
}

/** The lists of the main container the template's entries are merged into, and how. */
const MERGED_LISTS: Record<string, { same(a: unknown, b: unknown): boolean; note: string }> = {
  env: { same: (a, b) => keyOf(a, "name") === keyOf(b, "name"), note: "stackyard's env" },
  volumeMounts: {
    same: (a, b) => keyOf(a, "mountPath") === keyOf(b, "mountPath"),
    note: "a volume mount (the config files, the secrets or a volume of the resource)",
  },
  envFrom: {
    same: (a, b) => JSON.stringify(a) === JSON.stringify(b),
    note: "the secrets the resource uses, as env vars",
  },
};

function keyOf(entry: unknown, key: string): unknown {
  const v =
    entry !== null && typeof entry === "object"
      ? (entry as Record<string, unknown>)[key]
      : undefined;
  return v === undefined ? Symbol() : v;
}

function securityDefaults(r: RenderedRunnable, p: ObjectProvenance): FieldOrigin {
  return defaultOrigin(
    p,
    `stackyard's restricted pod-security defaults (stack ${stackRef(r.stack)} declares profile ${r.stack.spec.podSecurity?.profile ?? "restricted"})`,
  );
}

/** The platform env vars stackyard sets in every container, and what each is made from. */
const PLATFORM_ENV: Record<string, { note: string; resource?: NodePath; spec?: NodePath }> = {
  DATAOS_NAME: { note: "the resource's `name`", resource: ["name"] },
  DATAOS_RESOURCE_ID: { note: "the resource's id", resource: ["name"] },
  DATAOS_TYPE: { note: "the resource's `type`", resource: ["type"] },
  DATAOS_WORKSPACE: { note: "the resource's `workspace`", resource: ["workspace"] },
  DATAOS_FQDN: { note: "stackyard.yaml's `platform.fqdn`" },
  DATAOS_TAGS: { note: "the resource's `tags`", resource: ["tags"] },
  DATAOS_DESCRIPTION: { note: "the resource's `description`", resource: ["description"] },
  DATAOS_STAMP: { note: "the resource's stamp" },
  DATAOS_CONFIG_DIR: { note: "where the config files are mounted" },
  DATAOS_TEMP_DIR: { note: "where the temp volume is mounted" },
  DATAOS_SECRET_DIR: { note: "where the secrets are mounted" },
  RUNNABLE_ARTIFACT_DIR: { note: "the work folder" },
  RUNNABLE_TYPE: { note: "the resource's `type`", resource: ["type"] },
  LOG_LEVEL: {
    note: "the resource's `logLevel`, else stackyard.yaml's `platform.logLevel`",
    spec: ["logLevel"],
  },
  DATAOS_LOG_LEVEL: {
    note: "the resource's `logLevel`, else stackyard.yaml's `platform.logLevel`",
    spec: ["logLevel"],
  },
  DATAOS_IS_DRY_RUN: {
    note: "the resource's `dryRun` (false unless it sets it)",
    spec: ["dryRun"],
  },
  DATAOS_RUN_AS_USER: { note: "the resource's `runAsUser`", spec: ["runAsUser"] },
};

/**
 * An env var of the main container that no template wrote: the resource's `envs`, the stack's
 * `environmentVars`, a secret stackyard wired in, or the platform env (later groups win, as
 * compile/pod-template.ts merges them).
 */
function envOrigin(
  p: ObjectProvenance,
  r: RenderedRunnable,
  entry: { name?: unknown; value?: unknown } | undefined,
): FieldOrigin {
  const name = typeof entry?.name === "string" ? entry.name : "";
  if (Object.hasOwn(r.spec.envs, name) && entry?.value !== undefined)
    return at(r.specOrigin, ["envs", name], "resource", `the resource's \`envs.${name}\``);
  if (Object.hasOwn(r.stack.spec.environmentVars, name) && entry?.value !== undefined)
    return at(
      r.stack.origin,
      ["stack", "environmentVars", name],
      "stack",
      `the \`environmentVars\` of stack ${stackRef(r.stack)}`,
    );
  if (entry?.value === undefined)
    return {
      ...resourceOrigin(p),
      note: `a secret the resource uses, wired in by stackyard as ${name}`,
    };
  const platform = PLATFORM_ENV[name];
  const every = `the platform env var ${name} stackyard sets in every container`;
  if (platform === undefined)
    return defaultOrigin(p, `${every}, from stackyard.yaml's \`platform.env\``);
  const found =
    platform.resource !== undefined && isWritten(r.resource.origin, platform.resource)
      ? at(r.resource.origin, platform.resource, "default", "")
      : platform.spec !== undefined && isWritten(r.specOrigin, platform.spec)
        ? at(r.specOrigin, platform.spec, "default", "")
        : defaultOrigin(p, "");
  return { ...found, note: `${every}: ${platform.note}` };
}

/** A value the containerResourceTemplate rendered, at `path` of its output: the template line that writes it. */
function renderedOrigin(
  p: ObjectProvenance,
  r: RenderedRunnable,
  path: ObjectPath,
  value: unknown,
): FieldOrigin {
  const traced = traceValue(r, value);
  if (traced !== undefined)
    return { kind: "resource", at: traced, note: `written in ${traced.file}` };
  const t = stackTemplates(r).find((s) => s.kind === "containerResourceTemplate");
  if (t === undefined) return resourceOrigin(p);
  const output = {
    initContainers: r.initContainers,
    sidecars: r.sidecars,
    ...(r.container !== undefined ? { container: r.container } : {}),
  };
  const steps: TemplateStep[] = [];
  let node: unknown = output;
  for (const step of path) {
    if (typeof step === "number") {
      const list = Array.isArray(node) ? node : [];
      const name = (list[step] as { name?: unknown } | undefined)?.name;
      steps.push({
        index: step,
        count: list.length,
        ...(typeof name === "string" ? { name } : {}),
      });
    } else steps.push(step);
    node = valueAt(node, [step]);
  }
  const source = r.stack.origin.source;
  const stack = { ref: stackRef(r.stack), file: source.file, template: t.kind };
  const hit = pathLineInTemplate(t.text, steps);
  if (hit === undefined)
    return {
      kind: "template",
      at: { file: source.file, range: rangeAtPath(source, t.path) },
      note: `${t.kind} of stack ${stack.ref}`,
      stack,
    };
  return {
    kind: "template",
    at: { file: source.file, range: templateRange(source, t.path, hit.line, hit.column) },
    note: `${t.kind} of stack ${stack.ref}, template line ${hit.line}`,
    stack,
  };
}
