import type { StackyardConfig } from "../config/types.js";
import type { RepoFs } from "../discover/repo-fs.js";
import { hasErrors, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { outputConflicts, planOutput } from "../emit/index.js";
import type { OutputFile } from "../emit/types.js";
import type { RepoTextReader } from "../resolve/resolve-runnables.js";
import type { Resource } from "../validate/types.js";
import { compileClusters } from "./compile-clusters.js";
import { compileObjects, conflictDiagnostics } from "./compile-objects.js";
import { lineageFiles } from "./lineage-files.js";
import { summarizeUnits, type BuildUnits } from "./units.js";

/** The outcome of compiling a repository in memory. */
export interface CompiledRepo {
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  /** The files of the out dir, relative to it; empty when there are errors. */
  files: OutputFile[];
  stats: { resources: number; objects: number; files: number };
  /** What an incremental build needs of this one; absent with errors or with `clusters:`. */
  units?: BuildUnits;
  /** Every resource that loaded; absent with `clusters:`. */
  resources?: readonly Resource[];
  /** File → the files its workflows include directly, errors or not; absent with `clusters:`. */
  includes?: Record<string, string[]>;
  /** The objects' identities, once compiled (see CompiledObjects); absent with `clusters:`. */
  identities?: Array<[identity: string, resourceId: string]>;
}

/**
 * The whole pipeline in memory: load → resolve → render → compile → plan the out tree.
 * Nothing is written; every problem of the run comes back as diagnostics. With `clusters:`
 * in stackyard.yaml, each cluster gets its own folder and bootstrap (`only` narrows them).
 */
export async function compileRepo(
  fs: RepoFs,
  config: StackyardConfig,
  readText: RepoTextReader,
  only?: readonly string[],
): Promise<CompiledRepo> {
  if (config.clusters.length > 0) return compileClusters(fs, config, readText, only);
  // In file and position order, as with clusters: the diagnostics of one file are then the
  // same whatever else is compiled with it, which an incremental build relies on.
  const compiled = await compileOne(fs, config, readText);
  return { ...compiled, diagnostics: sortDiagnostics(compiled.diagnostics) };
}

async function compileOne(
  fs: RepoFs,
  config: StackyardConfig,
  readText: RepoTextReader,
): Promise<CompiledRepo> {
  const pass = await compileObjects(fs, config, readText);
  const { diagnostics } = pass;
  const empty = {
    diagnostics,
    resources: pass.resources,
    includes: pass.includes,
    ...(pass.identities === undefined ? {} : { identities: pass.identities }),
    sources: pass.sources,
    files: [],
    stats: { resources: pass.resourceCount, objects: 0, files: 0 },
  };
  if (pass.compiled === undefined) {
    // Nothing is written, but objects that would share a file are reported with the rest.
    const conflicts = outputConflicts(pass.objects ?? []);
    diagnostics.push(...conflictDiagnostics(conflicts, pass.resources));
    return empty;
  }
  const plan = planOutput(pass.compiled.objects);
  diagnostics.push(...conflictDiagnostics(plan.conflicts, pass.resources));
  if (hasErrors(diagnostics)) return empty;
  const lineage = await lineageFiles(pass.compiled.rendered);
  diagnostics.push(...lineage.diagnostics);
  if (hasErrors(diagnostics)) return empty;
  const files: OutputFile[] = [...plan.files, ...lineage.files];
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const units = summarizeUnits({
    files: pass.files,
    included: pass.included,
    includes: pass.includes,
    resources: pass.resources,
    rendered: pass.compiled.rendered,
    objects: pass.compiled.objects,
    lineage: lineage.parts,
  });
  return {
    diagnostics,
    sources: pass.sources,
    files,
    units,
    resources: pass.resources,
    includes: pass.includes,
    ...(pass.identities === undefined ? {} : { identities: pass.identities }),
    stats: {
      resources: pass.resourceCount,
      objects: pass.compiled.objects.length,
      files: files.length,
    },
  };
}
