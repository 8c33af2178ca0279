import type { StackyardConfig } from "../config/types.js";
import { hasErrors, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { RepoFs } from "../discover/repo-fs.js";
import type { OutputFile } from "../emit/types.js";
import {
  clusterConflicts,
  clusterPasses,
  planClusterOutput,
  unknownWorkspaces,
  unrunWorkspaces,
} from "../gitops/index.js";
import type { RenderedRunnable } from "../render/types.js";
import type { RepoTextReader } from "../resolve/resolve-runnables.js";
import { inWorkspace } from "../validate/instance-level.js";
import type { CompiledRepo } from "./compile-repo.js";
import { compileObjects, conflictDiagnostics, type CompiledObjects } from "./compile-objects.js";
import { lineageFiles } from "./lineage-files.js";

/**
 * Compiles a repository delivered to several clusters: one compile per group of clusters that
 * need the same documents (see clusterPasses), each cluster laid out under `out/<cluster>/`
 * with its sync units and bootstrap. `only` names the clusters to compile; default all.
 */
export async function compileClusters(
  fs: RepoFs,
  config: StackyardConfig,
  readText: RepoTextReader,
  only?: readonly string[],
): Promise<CompiledRepo> {
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const files: OutputFile[] = [];
  let resources = 0;
  let objects = 0;
  let lineageFrom: RenderedRunnable[] | undefined;
  let resourcesOf: CompiledObjects["resources"] | undefined;
  const workspaces = new Set<string>();
  const passes = clusterPasses(config, only);
  for (const pass of passes) {
    const result = await compileObjects(fs, pass.config, readText, pass.overrides?.prepare);
    diagnostics.push(
      ...(pass.overrides === undefined
        ? result.diagnostics
        : pass.overrides.finish(result.diagnostics)),
    );
    for (const [file, text] of result.sources) sources.set(file, text);
    resources = Math.max(resources, result.resourceCount);
    for (const r of result.resources)
      if (inWorkspace(r.meta.type)) workspaces.add(r.meta.workspace);
    if (result.compiled === undefined) {
      // Nothing is written, but objects that would share a file are reported with the rest.
      for (const cluster of pass.clusters) {
        const out = clusterConflicts(result.objects ?? [], cluster);
        diagnostics.push(
          ...out.diagnostics,
          ...conflictDiagnostics(out.conflicts, result.resources),
        );
      }
      continue;
    }
    lineageFrom ??= result.compiled.rendered;
    resourcesOf ??= result.resources;
    for (const cluster of pass.clusters) {
      const out = planClusterOutput(result.compiled.objects, cluster);
      diagnostics.push(...out.diagnostics, ...conflictDiagnostics(out.conflicts, result.resources));
      files.push(...out.files);
      objects += out.units.reduce((sum, u) => sum + u.objects.length, 0);
    }
  }
  // Passes share most diagnostics (a warning in a file no override touches appears in each).
  const unique = sortDiagnostics(diagnostics);
  if (hasErrors(unique) || lineageFrom === undefined) {
    return { diagnostics: unique, sources, files: [], stats: { resources, objects: 0, files: 0 } };
  }
  // Only once the repository compiles: a file with errors may hold a workspace's resources.
  // Every cluster counts, not only those built (`--cluster`): the others run workspaces too.
  const unrun = [
    ...passes.flatMap((p) => p.clusters).flatMap((c) => unknownWorkspaces(c, workspaces)),
    ...unrunWorkspaces(config.clusters, resourcesOf ?? []),
  ];
  const lineage = await lineageFiles(lineageFrom);
  const all = sortDiagnostics([...unique, ...unrun, ...lineage.diagnostics]);
  if (hasErrors(all))
    return { diagnostics: all, sources, files: [], stats: { resources, objects: 0, files: 0 } };
  files.push(...lineage.files);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { diagnostics: all, sources, files, stats: { resources, objects, files: files.length } };
}
