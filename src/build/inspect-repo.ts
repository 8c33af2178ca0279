import type { ProvenanceIndex } from "../check/index.js";
import type { EmitObject } from "../compile/emit-object.js";
import type { StackyardConfig } from "../config/types.js";
import {
  hasErrors,
  sortDiagnostics,
  type Diagnostic,
  type SourceLocation,
} from "../diagnostics/diagnostic.js";
import type { RepoFs } from "../discover/repo-fs.js";
import type { RepoTextReader } from "../resolve/resolve-runnables.js";
import { clusterObjects, clusterPasses, type OverridePass } from "../gitops/index.js";
import { compileObjects } from "./compile-objects.js";
import { buildLineage, type Lineage } from "./lineage.js";

/** What `graph` and `explain` read: the compiled objects, where they came from, and lineage. */
export interface RepoInspection {
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  /** Absent when the repository does not compile. */
  compiled?: {
    objects: EmitObject[];
    provenance: ProvenanceIndex;
    lineage: Lineage;
    /**
     * With objects per cluster (inspectClusters): the place in stackyard.yaml a location of an
     * object of `cluster` stands for, when one of the cluster's overrides set the value there.
     */
    overrideAt?: (cluster: string, at: SourceLocation) => SourceLocation | undefined;
  };
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

/**
 * `explain`: with clusters configured, each cluster's objects as that cluster receives them —
 * compiled with its overrides and ingress, prepared for its engine, `cluster` set — so an object
 * of `out/edge/` is explained from the edge cluster's compile. Without clusters, inspectCompiled.
 */
export async function inspectClusters(
  fs: RepoFs,
  config: StackyardConfig,
  readText: RepoTextReader,
): Promise<RepoInspection> {
  if (config.clusters.length === 0) return inspectCompiled(fs, config, readText);
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const objects: EmitObject[] = [];
  const provenance = new Map<string, ProvenanceIndex>();
  const overrides = new Map<string, OverridePass>();
  let rendered: Parameters<typeof buildLineage>[0] | undefined;
  for (const pass of clusterPasses(config)) {
    const result = await compileObjects(fs, pass.config, readText, pass.overrides?.prepare);
    diagnostics.push(...(pass.overrides?.finish(result.diagnostics) ?? result.diagnostics));
    for (const [file, text] of result.sources) sources.set(file, text);
    if (result.compiled === undefined) continue;
    rendered ??= result.compiled.rendered;
    for (const cluster of pass.clusters) {
      objects.push(...clusterObjects(result.compiled.objects, cluster));
      provenance.set(cluster.name, result.compiled.provenance);
      if (pass.overrides !== undefined) overrides.set(cluster.name, pass.overrides);
    }
  }
  // Passes share most diagnostics (a warning in a file no override touches appears in each).
  const unique = sortDiagnostics(diagnostics);
  if (rendered === undefined || hasErrors(unique)) return { diagnostics: unique, sources };
  const { lineage, diagnostics: lineageDiagnostics } = await buildLineage(rendered);
  const all = sortDiagnostics([...unique, ...lineageDiagnostics]);
  if (hasErrors(all)) return { diagnostics: all, sources };
  return {
    diagnostics: all,
    sources,
    compiled: {
      objects,
      provenance: { of: (emit) => provenance.get(emit.cluster)!.of(emit) },
      lineage,
      overrideAt: (cluster, at) => overrides.get(cluster)?.locate(at.file, at.range),
    },
  };
}
