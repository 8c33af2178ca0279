import { declaredKeys } from "../validate/secret-keys.js";
import { checkObjects, type ProvenanceIndex } from "../check/index.js";
import { loadSchemas } from "../check/k8s/models.js";
import { compileAll } from "../compile/index.js";
import type { StackyardConfig } from "../config/types.js";
import type { RepoFs } from "../discover/repo-fs.js";
import {
  diag,
  hasErrors,
  type Diagnostic,
  type SourceLocation,
} from "../diagnostics/diagnostic.js";
import type { EmitObject, ObjectSource, OutputConflict } from "../emit/types.js";
import { rangeAtPath } from "../parse/node-at-path.js";
import { renderRunnable } from "../render/render-runnable.js";
import { stackTemplateErrors } from "../render/stack-template-errors.js";
import type { RenderedRunnable } from "../render/types.js";
import { checkUnvalidated } from "../resolve/check-unvalidated.js";
import { apiGroup } from "../validate/cluster-scoped.js";
import { resolveRunnables, type RepoTextReader } from "../resolve/resolve-runnables.js";
import { buildStackRegistry } from "../resolve/stack-registry.js";
import type { DepotResource, Resource, SecretResource, StackResource } from "../validate/types.js";
import { loadRepo, type PrepareDocument } from "./load-repo.js";

/** One run of the pipeline up to compiled objects; `compiled` is absent when there are errors. */
export interface CompiledObjects {
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  resourceCount: number;
  /** The manifest files listed, and which of them are parts of workflows (see LoadedRepo). */
  files: string[];
  included: string[];
  includes: Record<string, string[]>;
  /** Every resource that loaded (built-in stacks included), errors or not. */
  resources: Resource[];
  /**
   * Once objects are compiled (errors or not): each object's identity (see objectIdentity) and
   * the resource that made it. An incremental build checks its objects against the others'.
   */
  identities?: Array<[identity: string, resourceId: string]>;
  /**
   * Once compiled, errors or not: every object. Two written to one file is an error reported
   * beside the others of the run (see conflictDiagnostics), even when nothing is written.
   */
  objects?: EmitObject[];
  compiled?: {
    objects: EmitObject[];
    rendered: RenderedRunnable[];
    provenance: ProvenanceIndex;
  };
}

/**
 * load → resolve → render → compile. `prepare` edits each document before validation (a
 * cluster's overrides).
 */
export async function compileObjects(
  fs: RepoFs,
  config: StackyardConfig,
  readText: RepoTextReader,
  prepare?: PrepareDocument,
): Promise<CompiledObjects> {
  const loaded = await loadRepo(fs, config, prepare);
  const diagnostics = [...loaded.diagnostics];
  const stacks = loaded.resources.filter((r): r is StackResource => r.meta.type === "stack");
  const { registry, diagnostics: registryDiags } = buildStackRegistry(stacks);
  diagnostics.push(...registryDiags);
  for (const stack of stacks) diagnostics.push(...stackTemplateErrors(stack));
  const { runnables, diagnostics: resolveDiags } = await resolveRunnables({
    config,
    resources: loaded.resources,
    registry,
    readText,
  });
  diagnostics.push(
    ...resolveDiags,
    ...checkUnvalidated(loaded.unvalidated, registry, loaded.resources),
  );
  const depots = new Map(
    loaded.resources
      .filter((r): r is DepotResource => r.meta.type === "depot")
      .map((d) => [d.meta.name, d]),
  );
  const secrets = new Map(
    loaded.resources
      .filter((r): r is SecretResource => r.meta.type === "instance-secret")
      .map((s) => [s.meta.name, s]),
  );
  const secretKeys = (name: string) => declaredKeys(secrets.get(name));
  const rendered: RenderedRunnable[] = [];
  for (const r of runnables) {
    const out = renderRunnable(r, { config, depots, secretKeys });
    diagnostics.push(...out.diagnostics);
    if (out.rendered) rendered.push(out.rendered);
  }
  const userResources = loaded.resources.filter(
    (r) => !(r.meta.type === "stack" && (r as StackResource).builtin),
  );
  const resourceCount = userResources.filter((r) => r.meta.type !== "stack").length;
  const result: CompiledObjects = {
    diagnostics,
    sources: loaded.sources,
    resourceCount,
    files: loaded.files,
    included: loaded.included,
    includes: loaded.includes,
    resources: loaded.resources,
  };
  // Errors so far stop nothing: what loaded, resolved and rendered is compiled and checked
  // too, so a policy violation in one file is reported with a typo in another, not after it
  // is fixed. (A workflow missing a job compiles to nothing: see compile/workflow.ts.)
  // A duplicate is reported (DUPLICATE_RESOURCE), not compiled: its objects would clash with
  // the first one's.
  const { duplicates } = loaded;
  const compiled = compileAll({
    config,
    runnables: rendered.filter((r) => !duplicates.has(r.resource)),
    resources: loaded.resources.filter((r) => !duplicates.has(r)),
  });
  const identities = compiled.objects.map(objectIdentity);
  const compileDiagnostics = [
    ...compiled.diagnostics,
    ...identityClashes(compiled.objects, identities, config.stamp, loaded.resources),
  ];
  diagnostics.push(...compileDiagnostics);
  result.identities = compiled.objects.map((o, i) => [identities[i]!, o.source.resourceId]);
  result.objects = compiled.objects;
  // Objects the compiler itself found wrong would only repeat its errors in the checks.
  if (hasErrors(compileDiagnostics)) return result;
  await loadSchemas(compiled.objects.map((o) => o.object));
  const checked = checkObjects({
    config,
    objects: compiled.objects,
    runnables: rendered,
    resources: loaded.resources,
    strict: config.strict,
  });
  diagnostics.push(...checked.diagnostics);
  if (hasErrors(diagnostics)) return result;
  return {
    ...result,
    compiled: {
      objects: compiled.objects,
      rendered,
      provenance: checked.provenance,
    },
  };
}

/**
 * Objects of one kind and name in one namespace, made by different resources or jobs: in the
 * cluster the second would overwrite the first, and kustomize refuses to build a folder with
 * both. The usual cause is two workflows of a workspace with a job of one name, whose objects
 * are named after the job (`<job>-workflow` ConfigMaps, as in DataOS, whose random stamp keeps
 * them apart). Each object made more than once is reported at the `name:` of every resource
 * that makes it but the first, naming the others.
 */
export function identityClashes(
  objects: readonly EmitObject[],
  /** Each object's identity (see objectIdentity), in the same order. */
  identities: readonly string[],
  stamp: "none" | "hash",
  resources: readonly Resource[],
): Diagnostic[] {
  const groups = new Map<string, EmitObject[]>();
  for (const [i, o] of objects.entries()) {
    const key = identities[i]!;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [o]);
    else group.push(o);
  }
  const placeOf = namePlaces(resources);
  const out: Diagnostic[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const { kind, metadata } = group[0]!.object;
    const where = metadata.namespace === undefined ? "" : ` in namespace ${metadata.namespace}`;
    const all = but(group.length);
    const hint =
      stamp === "none"
        ? `rename ${all} of the jobs or resources, or set \`stamp: hash\` in stackyard.yaml to suffix a job's object names with a hash of its workflow`
        : `rename ${all} of the jobs or resources (their 4-character stamps are the same)`;
    for (const [i, o] of group.entries()) {
      if (i === 0) continue;
      const by = group.map((p) =>
        p === o
          ? `by ${p.source.resourceId}`
          : `by ${p.source.resourceId} (${p.source.file}:${p.source.line})`,
      );
      out.push(
        diag(
          "OUTPUT_CONFLICT",
          `${kind} ${metadata.name}${where} is made ${times(group.length)}: ${list(by)}`,
          placeOf(o.source),
          { hint, related: relatedPlaces(group, o, placeOf, "also makes it") },
        ),
      );
    }
  }
  return out;
}

/** What names an object in a cluster: its API group, kind, namespace and name. */
export function objectIdentity(o: EmitObject): string {
  const { apiVersion, kind, metadata } = o.object;
  return `${apiGroup(apiVersion)}\0${kind}\0${metadata.namespace ?? ""}\0${metadata.name}`;
}

/**
 * Objects that would be written to one file, as diagnostics: one for each object after the
 * first on a path, at the `name:` of the resource that makes it, naming the others. Objects
 * of one identity (one kind and name in one namespace) are one object here: identityClashes
 * reports them, once.
 */
export function conflictDiagnostics(
  conflicts: readonly OutputConflict[],
  resources: readonly Resource[],
): Diagnostic[] {
  const byPath = new Map<string, EmitObject[]>();
  for (const c of conflicts) {
    const group = byPath.get(c.path);
    if (group === undefined) byPath.set(c.path, [c.a, c.b]);
    else group.push(c.b);
  }
  const placeOf = namePlaces(resources);
  const out: Diagnostic[] = [];
  for (const [path, all] of byPath) {
    const seen = new Set<string>();
    const group = all.filter((o) => {
      const identity = objectIdentity(o);
      if (seen.has(identity)) return false;
      seen.add(identity);
      return true;
    });
    if (group.length < 2) continue;
    const oneResource = group.every((o) => o.source.resourceId === group[0]!.source.resourceId);
    const hint = oneResource
      ? "out/ names a file `<kind>-<name>.yaml` in lower case, any character but a-z, 0-9, '.' and '-' written as '-': give the objects names that stay apart there (in the stack's templates)"
      : `rename ${but(group.length)} of the resources`;
    for (const [i, o] of group.entries()) {
      if (i === 0) continue;
      const others = group
        .filter((p) => p !== o)
        .map((p) => `${objectName(p)} from ${p.source.resourceId}`);
      out.push(
        diag(
          "OUTPUT_CONFLICT",
          `${objectName(o)} from ${o.source.resourceId} would be written to ${path}, as would ${list(others)}`,
          placeOf(o.source),
          { hint, related: relatedPlaces(group, o, placeOf, "makes an object for the same file") },
        ),
      );
    }
  }
  return out;
}

function objectName(o: EmitObject): string {
  return `${o.object.kind} ${o.object.metadata.name}`;
}

/** Where each resource's `name:` value is, by resource id; the file alone when not found. */
function namePlaces(
  resources: readonly Resource[],
): (source: ObjectSource) => Partial<SourceLocation> {
  const byId = new Map<string, Resource>();
  for (const r of resources) {
    // Built-in stacks make no objects; their origin is parsed only when asked for.
    if (!(r.meta.type === "stack" && (r as StackResource).builtin)) byId.set(r.id, r);
  }
  return (source) => {
    const r = byId.get(source.resourceId);
    if (r === undefined || r.origin.source.file !== source.file) return { file: source.file };
    return { file: source.file, range: rangeAtPath(r.origin.source, ["name"]) };
  };
}

/** The other resources of a group (once each), as notes at their `name:`. */
function relatedPlaces(
  group: readonly EmitObject[],
  self: EmitObject,
  placeOf: (source: ObjectSource) => Partial<SourceLocation>,
  message: string,
): Array<SourceLocation & { message: string }> {
  const seen = new Set([self.source.resourceId]);
  const out: Array<SourceLocation & { message: string }> = [];
  for (const o of group) {
    if (seen.has(o.source.resourceId)) continue;
    seen.add(o.source.resourceId);
    const { file, range } = placeOf(o.source);
    if (file !== undefined && range !== undefined) {
      out.push({ file, range, message: `${o.source.resourceId} ${message}` });
    }
  }
  return out;
}

function times(n: number): string {
  return n === 2 ? "twice" : `${n} times`;
}

/** "one" of two, "all but one" of more. */
function but(n: number): string {
  return n === 2 ? "one" : "all but one";
}

/** "a", "a and b", "a, b and c". */
function list(items: readonly string[]): string {
  return items.length < 2
    ? (items[0] ?? "")
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]!}`;
}
