import path from "node:path";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { compareTree } from "./fs/compare-tree.js";
import { exists, listSiblings } from "./fs/siblings.js";
import { walkTree } from "./fs/walk-tree.js";
import { lockHolder, type LockProcess } from "./lock.js";
import { buildIndex, INDEX_PATH, indexDiffers, indexFileOf, readIndex } from "./ownership-index.js";
import type { OutputFile, StalenessReport } from "./types.js";
import type { WriteOptions } from "./write-output.js";

/**
 * Compares `outDir` with what `writeOutput(outDir, files)` would make of it, without writing:
 * planned files that are missing (added) or differ (changed), the ownership index included,
 * and owned files a build would prune (deleted). Hand-written files are never stale. A write
 * of out/ that was stopped part way is told apart (see interruptedWrite); `lock` is the
 * running process, to tell whether a build is writing out/ now.
 */
export async function checkOutput(
  outDir: string,
  files: readonly OutputFile[],
  options: WriteOptions & { lock?: LockProcess },
): Promise<StalenessReport & { warnings: Diagnostic[] }> {
  const dir = path.resolve(outDir);
  const interrupted = await interruptedWrite(dir, options.lock);
  const read = await readIndex(dir);
  const { index: previous } = read;
  const warnings = interrupted === undefined ? read.warnings : [interrupted, ...read.warnings];
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

/** How many leftovers a message names before it counts the rest. */
const NAMED = 3;

/**
 * OUTPUT_INTERRUPTED, when siblings of out/ (siblings.ts) say that a write of it was stopped
 * part way: a build killed (SIGKILL, the OOM killer, a CI job's timeout) or a machine that
 * went down. out/ may then be missing, with its files in a `patching` or `ready` sibling, and
 * `check` would otherwise list every file as added without saying why. The next build finishes
 * or undoes that write before anything else (recoverOutput). A build that holds the lock may
 * be writing them right now: that is said instead.
 */
async function interruptedWrite(
  dir: string,
  lock: LockProcess | undefined,
): Promise<Diagnostic | undefined> {
  const siblings = await listSiblings(dir);
  const left = Object.values(siblings)
    .flat()
    .map((p) => path.basename(p))
    .sort();
  if (left.length === 0) return undefined;
  const name = path.basename(dir);
  const holder = lock === undefined ? "none" : await lockHolder(dir, lock);
  if (holder !== "none") {
    const who =
      holder === "unknown"
        ? "a build whose lock file cannot be read"
        : `a build (process ${holder.pid} on ${holder.hostname})`;
    return diag(
      "OUTPUT_INTERRUPTED",
      `${who} is writing ${name}/ now`,
      {},
      {
        hint: "check again once that build is done",
      },
    );
  }
  const named =
    left.length <= NAMED
      ? left.join(", ")
      : `${left.slice(0, NAMED).join(", ")} and ${left.length - NAMED} more`;
  const stopped = `a build was stopped while it wrote ${name}/`;
  if (await exists(dir)) {
    return diag(
      "OUTPUT_INTERRUPTED",
      `${stopped} and left ${named} next to it`,
      {},
      {
        hint: `the next stackyard build removes them; ${name}/ itself is whole`,
      },
    );
  }
  const holding = [...siblings.patching, ...siblings.ready, ...siblings.old][0];
  return holding === undefined
    ? diag(
        "OUTPUT_INTERRUPTED",
        `${stopped} and left ${named}; ${name}/ does not exist`,
        {},
        {
          hint: "run: stackyard build (it removes them)",
        },
      )
    : diag(
        "OUTPUT_INTERRUPTED",
        `${name}/ is missing: ${stopped}, and its files are in ${path.basename(holding)} now`,
        {},
        { hint: `run: stackyard build (it finishes that write of ${name}/ first, or undoes it)` },
      );
}
