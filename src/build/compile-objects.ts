import { declaredKeys } from "../validate/secret-keys.js";
import { checkObjects, type ProvenanceIndex } from "../check/index.js";
import { loadSchemas } from "../check/k8s/models.js";
import { compileAll } from "../compile/index.js";
import type { StackyardConfig } from "../config/types.js";
import type { RepoFs } from "../discover/repo-fs.js";
import { diag, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { planOutput } from "../emit/index.js";
import type { EmitObject, OutputConflict } from "../emit/types.js";
import { renderRunnable } from "../render/render-runnable.js";
import type { RenderedRunnable } from "../render/types.js";
import { checkUnvalidated } from "../resolve/check-unvalidated.js";
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
  const compiled = compileAll({ config, runnables: rendered, resources: loaded.resources });
  const identities = compiled.objects.map(objectIdentity);
  const compileDiagnostics = [
    ...compiled.diagnostics,
    ...identityClashes(compiled.objects, identities, config.stamp),
  ];
  diagnostics.push(...compileDiagnostics);
  result.identities = compiled.objects.map((o, i) => [identities[i]!, o.source.resourceId]);
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
 * them apart).
 */
export function identityClashes(
  objects: readonly EmitObject[],
  /** Each object's identity (see objectIdentity), in the same order. */
  identities: readonly string[],
  stamp: "none" | "hash",
): Diagnostic[] {
  const first = new Map<string, EmitObject>();
  const out: Diagnostic[] = [];
  for (const [i, o] of objects.entries()) {
    const { kind, metadata } = o.object;
    const key = identities[i]!;
    const known = first.get(key);
    if (known === undefined) {
      first.set(key, o);
      continue;
    }
    const where = metadata.namespace === undefined ? "" : ` in namespace ${metadata.namespace}`;
    const hint =
      stamp === "none"
        ? "rename one of the jobs or resources, or set `stamp: hash` in stackyard.yaml to suffix a job's object names with a hash of its workflow"
        : "rename one of the jobs or resources (their 4-character stamps are the same)";
    out.push(
      diag(
        "OUTPUT_CONFLICT",
        `${kind} ${metadata.name}${where} is made twice: by ${known.source.resourceId} (${known.source.file}:${known.source.line}) and by ${o.source.resourceId}`,
        { file: o.source.file },
        { hint },
      ),
    );
  }
  return out;
}

/** What names an object in a cluster: its API group, kind, namespace and name. */
export function objectIdentity(o: EmitObject): string {
  const { apiVersion, kind, metadata } = o.object;
  const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.lastIndexOf("/")) : "";
  return `${group}\0${kind}\0${metadata.namespace ?? ""}\0${metadata.name}`;
}

/** Objects that would be written to one file, as diagnostics. */
export function conflictDiagnostics(conflicts: readonly OutputConflict[]): Diagnostic[] {
  return conflicts.map((c) =>
    diag(
      "OUTPUT_CONFLICT",
      `${c.a.object.kind} ${c.a.object.metadata.name} from ${c.a.source.resourceId} and from ${c.b.source.resourceId} would both be written to ${c.path}`,
      {
        file: c.b.source.file,
      },
      { hint: "rename one of the resources" },
    ),
  );
}
