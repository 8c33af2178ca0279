import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { compareTree } from "./fs/compare-tree.js";
import { walkTree } from "./fs/walk-tree.js";
import { buildIndex, INDEX_PATH, indexDiffers, indexFileOf, readIndex } from "./ownership-index.js";
import type { OutputFile, StalenessReport } from "./types.js";
import type { WriteOptions } from "./write-output.js";

/**
 * Compares `outDir` with what `writeOutput(outDir, files)` would make of it, without writing:
 * planned files that are missing (added) or differ (changed), the ownership index included,
 * and owned files a build would prune (deleted). Hand-written files are never stale.
 */
export async function checkOutput(
  outDir: string,
  files: readonly OutputFile[],
  options: WriteOptions,
): Promise<StalenessReport & { warnings: Diagnostic[] }> {
  const dir = path.resolve(outDir);
  const { index: previous, warnings } = await readIndex(dir);
  const index = buildIndex(files, options.compilerVersion);
  const planned = [...files, indexFileOf(index)];
  const differs = previous !== undefined && indexDiffers(previous, index) ? [INDEX_PATH] : [];
  const comparison = compareTree(dir, planned, previous, walkTree(dir), [], differs);
  const plannedPaths = new Set(planned.map((f) => f.path));
  // A planned path held by a hand-written file is stale too: the build would stop there.
  const blocked = comparison.blocked.filter((p) => plannedPaths.has(p));
  return {
    added: comparison.added,
    changed: [...comparison.changed, ...blocked].sort(),
    deleted: comparison.pruned,
    warnings,
  };
}
