import type { ProvenanceIndex } from "../check/index.js";
import type { EmitObject } from "../compile/emit-object.js";
import type { StackyardConfig } from "../config/types.js";
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { RepoFs } from "../discover/repo-fs.js";
import type { RepoTextReader } from "../resolve/resolve-runnables.js";
import { compileObjects } from "./compile-objects.js";
import { buildLineage, type Lineage } from "./lineage.js";

/** What `graph` and `explain` read: the compiled objects, where they came from, and lineage. */
export interface RepoInspection {
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  /** Absent when the repository does not compile. */
  compiled?: { objects: EmitObject[]; provenance: ProvenanceIndex; lineage: Lineage };
}

/**
 * Compiles in memory, keeping the objects and their provenance instead of planning files.
 * With clusters configured, the repository is inspected as written, before any cluster's
 * overrides, so an answer does not depend on which cluster was compiled first.
 */
export async function inspectCompiled(
  fs: RepoFs,
  config: StackyardConfig,
  readText: RepoTextReader,
): Promise<RepoInspection> {
  const pass = await compileObjects(fs, { ...config, clusters: [] }, readText);
  const result = { diagnostics: pass.diagnostics, sources: pass.sources };
  if (pass.compiled === undefined || hasErrors(pass.diagnostics)) return result;
  const { lineage, diagnostics } = await buildLineage(pass.compiled.rendered);
  const all = [...pass.diagnostics, ...diagnostics];
  if (hasErrors(all)) return { ...result, diagnostics: all };
  return {
    diagnostics: all,
    sources: pass.sources,
    compiled: { objects: pass.compiled.objects, provenance: pass.compiled.provenance, lineage },
  };
}
