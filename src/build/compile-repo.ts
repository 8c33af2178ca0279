import { compileAll } from "../compile/index.js";
import type { StackyardConfig } from "../config/types.js";
import type { RepoFs } from "../discover/repo-fs.js";
import { diag, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { planOutput } from "../emit/index.js";
import type { OutputFile } from "../emit/types.js";
import { renderRunnable } from "../render/render-runnable.js";
import type { RenderedRunnable } from "../render/types.js";
import { resolveRunnables, type RepoTextReader } from "../resolve/resolve-runnables.js";
import { buildStackRegistry } from "../resolve/stack-registry.js";
import type { DepotResource, SecretResource, StackResource } from "../validate/types.js";
import { buildLineage } from "./lineage.js";
import { loadRepo } from "./load-repo.js";
import { lineOfOffset } from "./line-of.js";
import { rangeAtPath } from "../parse/node-at-path.js";

/** The outcome of compiling a repository in memory. */
export interface CompiledRepo {
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  /** The files of the out dir, relative to it; empty when there are errors. */
  files: OutputFile[];
  stats: { resources: number; objects: number; files: number };
}

/**
 * The whole pipeline in memory: load → resolve → render → compile → plan the out tree.
 * Nothing is written; every problem of the run comes back as diagnostics.
 */
export async function compileRepo(fs: RepoFs, config: StackyardConfig, readText: RepoTextReader): Promise<CompiledRepo> {
  const loaded = await loadRepo(fs, config);
  const diagnostics = [...loaded.diagnostics];
  const stacks = loaded.resources.filter((r): r is StackResource => r.meta.type === "stack");
  const { registry, diagnostics: registryDiags } = buildStackRegistry(stacks);
  diagnostics.push(...registryDiags);
  const { runnables, diagnostics: resolveDiags } = await resolveRunnables({ config, resources: loaded.resources, registry, readText });
  diagnostics.push(...resolveDiags);
  const depots = new Map(loaded.resources.filter((r): r is DepotResource => r.meta.type === "depot").map((d) => [d.meta.name, d]));
  const secrets = new Map(loaded.resources.filter((r): r is SecretResource => r.meta.type === "instance-secret").map((s) => [s.meta.name, s]));
  const secretKeys = (name: string) => {
    const s = secrets.get(name);
    return s ? [...Object.keys(s.spec.data), ...Object.keys(s.spec.files)].sort() : [];
  };
  const rendered: RenderedRunnable[] = [];
  for (const r of runnables) {
    const out = renderRunnable(r, { config, depots, secretKeys });
    diagnostics.push(...out.diagnostics);
    if (out.rendered) rendered.push(out.rendered);
  }
  const userResources = loaded.resources.filter((r) => !(r.meta.type === "stack" && (r as StackResource).builtin));
  const resourceCount = userResources.filter((r) => r.meta.type !== "stack").length;
  const empty = { diagnostics, sources: loaded.sources, files: [], stats: { resources: resourceCount, objects: 0, files: 0 } };
  if (hasErrors(diagnostics)) return empty;

  const compiled = compileAll({ config, runnables: rendered, resources: loaded.resources });
  diagnostics.push(...compiled.diagnostics);
  const plan = planOutput(compiled.objects);
  for (const c of plan.conflicts) {
    diagnostics.push(
      diag("OUTPUT_CONFLICT", `${c.a.object.kind} ${c.a.object.metadata.name} from ${c.a.source.resourceId} and from ${c.b.source.resourceId} would both be written to ${c.path}`, {
        file: c.b.source.file,
      }, { hint: "rename one of the resources" }),
    );
  }
  if (hasErrors(diagnostics)) return empty;
  const lineage = buildLineage(rendered, (r) => {
    const origin = r.job ? r.job.origin : r.resource.origin;
    return lineOfOffset(origin.source.text, rangeAtPath(origin.source, origin.path).start);
  });
  const files: OutputFile[] = [...plan.files, { path: "lineage.json", content: `${JSON.stringify(lineage, null, 2)}\n`, owned: true }];
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { diagnostics, sources: loaded.sources, files, stats: { resources: resourceCount, objects: compiled.objects.length, files: files.length } };
}
