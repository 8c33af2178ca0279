import { lstatSync } from "node:fs";
import { lstat, realpath } from "node:fs/promises";
import path from "node:path";
import { diag, type Diagnostic, type SourceLocation } from "../diagnostics/diagnostic.js";
import { createLineIndex } from "../diagnostics/line-index.js";
import {
  compareByLookup,
  compareTree,
  foldersOnDisk,
  type TreeComparison,
} from "./fs/compare-tree.js";
import { patchTree } from "./fs/patch-tree.js";
import { removeTree } from "./fs/remove-tree.js";
import { stageTree } from "./fs/stage-tree.js";
import { makeStagingDir, markReady, recoverOutput, swapIn } from "./fs/swap-tree.js";
import { walkTree, type TreeListing } from "./fs/walk-tree.js";
import { buildIndex, INDEX_PATH, indexDiffers, indexFileOf, readIndex } from "./ownership-index.js";
import type { IndexEntry, ObjectSource, OutputFile, OutputIndex, WriteSummary } from "./types.js";

/** Settings of one write. */
export interface WriteOptions {
  /** Recorded in the ownership index. */
  compilerVersion: string;
  /**
   * Owned files of the previous index that are part of this build too, and that the caller
   * knows are on disk with those bytes (an incremental build: see build-cache.ts). They are
   * kept without being read.
   */
  kept?: readonly IndexEntry[];
  /**
   * The ownership index on disk, when the caller has read it and made sure, holding the lock,
   * that it is still the file on disk: it is not read again.
   */
  previous?: OutputIndex;
  /**
   * Runs once the new tree is in place (or at once, when nothing had to be written): after a
   * swap, while the previous tree is removed, so work of the caller's overlaps with it; after a
   * patch, before the patch's leftovers are removed. It must not throw.
   */
  afterWrite?: (summary: WriteSummary) => Promise<void>;
  /**
   * How the tree is changed: by default a patch in place when it changes a small part of it,
   * a swap otherwise (see `patchable`). Tests force one to compare the two.
   */
  commit?: "patch" | "swap";
  /**
   * The texts of the source files, by repository-relative path: a file in the way of one that
   * an object of a resource makes is reported at that resource's line.
   */
  sources?: ReadonlyMap<string, string>;
}

/** The outcome of `writeOutput`: the summary, or why nothing was written. */
export type WriteResult =
  | { ok: true; summary: WriteSummary; warnings: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/**
 * Makes `outDir` hold exactly `files` plus the hand-written files already there, atomically:
 * a new tree is staged next to `outDir` and swapped in by renames, or, when a small part of
 * the tree changes, the changed files are staged and renamed into it under a journal
 * (patch-tree.ts). A crash leaves the previous tree, the new one or no `outDir`, which the next
 * write's recovery completes; an error leaves the previous tree. Owned files no longer
 * produced are pruned; unchanged files keep their inode and mtime. When nothing differs,
 * nothing is touched at all. Paths in the way of hand-written files fail the write with
 * OUTPUT_CONFLICT diagnostics. I/O errors throw, after removing what was staged.
 */
export async function writeOutput(
  outDir: string,
  files: readonly OutputFile[],
  options: WriteOptions,
): Promise<WriteResult> {
  const dir = await resolveOutDir(outDir);
  const recovered = recoveredDiagnostic(dir, await recoverOutput(dir));
  const read =
    options.previous === undefined
      ? await readIndex(dir)
      : { index: options.previous, warnings: [] };
  const previous = read.index;
  const warnings = [...recovered, ...read.warnings];
  const kept = options.kept ?? [];
  const index = buildIndex(files, options.compilerVersion, kept);
  const planned = [...files, indexFileOf(index)];
  const keptPaths = kept.map((e) => e.path);
  // An index of other entries than the one on disk is other bytes: not read to tell (the
  // index is 21 MB at 10,000 resources, and any file written changes an entry).
  const differs = previous !== undefined && indexDiffers(previous, index) ? [INDEX_PATH] : [];
  const anySize = options.commit === "patch";
  // An incremental build's patch looks up only the paths it concerns; anything else lists out/.
  if (options.kept !== undefined && previous !== undefined && options.commit !== "swap") {
    const looked = compareByLookup(dir, planned, previous, keptPaths, differs);
    if (looked !== undefined && patchable(looked.comparison, looked.folders, anySize)) {
      const { comparison, folders } = looked;
      const summary = summarize(comparison);
      await commit(summary, (after) => patch(dir, planned, comparison, folders, after));
      return { ok: true, summary, warnings };
    }
  }
  const disk = walkTree(dir);
  const comparison = compareTree(dir, planned, previous, disk, keptPaths, differs);
  if (comparison.blocked.length > 0) {
    return {
      ok: false,
      diagnostics: [...warnings, ...blockedDiagnostics(dir, comparison, files, options.sources)],
    };
  }
  const summary = summarize(comparison);
  await commit(summary, (after) => {
    const folders = foldersOnDisk(disk);
    return options.commit !== "swap" && patchable(comparison, folders, anySize)
      ? patch(dir, planned, comparison, folders, after)
      : replaceTree(dir, planned, comparison, disk, after);
  });
  return { ok: true, summary, warnings };

  /** Changes the tree by `write` when something changes; `afterWrite` runs either way. */
  async function commit(
    summary: WriteSummary,
    write: (afterWrite?: () => Promise<void>) => Promise<void>,
  ): Promise<void> {
    const afterWrite =
      options.afterWrite === undefined ? undefined : () => options.afterWrite!(summary);
    if (summary.written.length > 0 || summary.pruned.length > 0) await write(afterWrite);
    else await afterWrite?.();
  }
}

/**
 * What recoverOutput did about a write that was stopped part way, told as information: a
 * build that finds out/ missing finishes that write before its own, and says so.
 */
function recoveredDiagnostic(dir: string, actions: readonly string[]): Diagnostic[] {
  if (actions.length === 0) return [];
  const message = `a build had been stopped while it wrote ${path.basename(dir)}/: ${actions.join("; ")}`;
  return [diag("OUTPUT_INTERRUPTED", message, {}, { severity: "info" })];
}

/** Patches the tree in place with the planned files that changed (patch-tree.ts). */
function patch(
  dir: string,
  planned: readonly OutputFile[],
  comparison: TreeComparison,
  folders: ReadonlySet<string>,
  afterWrite?: () => Promise<void>,
): Promise<void> {
  const plan = {
    write: writtenFiles(planned, comparison),
    remove: [...comparison.changed, ...comparison.pruned],
  };
  return patchTree(dir, plan, folders, afterWrite);
}

/**
 * Whether out/ is patched in place (patch-tree.ts) rather than replaced by a new tree: when the
 * files that change (counted by their renames) are at most as many as the ones that stay, so
 * that renaming them costs less than linking the others, and no new file replaces a folder.
 * A patch leaves out/ missing while its renames run; a swap, only between two renames.
 * `anySize`: whenever the tree allows it.
 */
function patchable(
  comparison: TreeComparison,
  folders: ReadonlySet<string>,
  anySize: boolean,
): boolean {
  const { added, changed, pruned, unchanged, carried, carriedEmptyDirs } = comparison;
  const staying = unchanged.length + carried.length;
  // Nothing on disk is no out/ to patch, or nothing in it to spare a new tree for.
  if (staying + changed.length + pruned.length + carriedEmptyDirs.length === 0) return false;
  if (changed.some((p) => folders.has(p))) return false;
  return anySize || staying >= added.length + 2 * changed.length + pruned.length;
}

async function replaceTree(
  dir: string,
  planned: readonly OutputFile[],
  comparison: TreeComparison,
  /** The tree on disk: its symlinks are carried as links, and the listing removes it after. */
  disk: TreeListing,
  whileRemoving?: () => Promise<void>,
): Promise<void> {
  const { symlinks } = disk;
  const staging = await makeStagingDir(dir);
  let ready: string | undefined;
  try {
    await stageTree(dir, staging, {
      write: writtenFiles(planned, comparison),
      keep: [...comparison.unchanged, ...comparison.carried.filter((p) => !symlinks.has(p))],
      symlinks: comparison.carried.filter((p) => symlinks.has(p)),
      emptyDirs: comparison.carriedEmptyDirs,
    });
    ready = await markReady(dir, staging);
    await swapIn(dir, ready, disk, whileRemoving);
  } catch (error) {
    // The previous tree is in place (swapIn puts it back); drop the staged one.
    await removeTree(ready ?? staging);
    throw error;
  }
}

/** The planned files with new bytes: added or changed. */
function writtenFiles(planned: readonly OutputFile[], comparison: TreeComparison): OutputFile[] {
  const written = new Set([...comparison.added, ...comparison.changed]);
  return planned.filter((f) => written.has(f.path));
}

function summarize(comparison: TreeComparison): WriteSummary {
  return {
    written: [...comparison.added, ...comparison.changed].sort(),
    unchanged: comparison.unchanged.length,
    pruned: comparison.pruned,
    carried: comparison.carried,
  };
}

/**
 * OUTPUT_CONFLICT for each file or folder stackyard does not own that is in the way of a
 * generated file, at the line of the resource whose object would be written there (the file
 * alone when its text is not at hand): at the path itself, or for a file inside it (the path
 * is a folder), or under it (a file where the plan needs a folder), the first of those.
 */
function blockedDiagnostics(
  dir: string,
  comparison: TreeComparison,
  files: readonly OutputFile[],
  texts: ReadonlyMap<string, string> = new Map(),
): Diagnostic[] {
  const sources = new Map(files.map((f) => [f.path, f.source]));
  const sourceOf = (p: string): ObjectSource | undefined => {
    const own = sources.get(p);
    if (own !== undefined) return own;
    for (let i = p.lastIndexOf("/"); i > 0; i = p.lastIndexOf("/", i - 1)) {
      const above = sources.get(p.slice(0, i));
      if (above !== undefined) return above;
    }
    return files.find((f) => f.source !== undefined && f.path.startsWith(`${p}/`))?.source;
  };
  const out = path.basename(dir);
  return comparison.blocked.map((p) => {
    const source = sourceOf(p);
    const producer =
      source === undefined ? "" : ` (from ${source.resourceId}, line ${source.line})`;
    const what = lstatSync(path.join(dir, p), { throwIfNoEntry: false })?.isDirectory()
      ? "folder"
      : "file";
    return diag(
      "OUTPUT_CONFLICT",
      `${out}/${p} is a ${what} stackyard does not own, in the way of generated output${producer}.`,
      source === undefined ? {} : lineOf(source, texts),
      { hint: "Move or delete the hand-written file, or rename the resource that produces it." },
    );
  });
}

/** The line of a source, when its file's text is known; else the file alone. */
function lineOf(source: ObjectSource, texts: ReadonlyMap<string, string>): Partial<SourceLocation> {
  const text = texts.get(source.file);
  const range = text === undefined ? undefined : createLineIndex(text).lineRange(source.line);
  return range === undefined ? { file: source.file } : { file: source.file, range };
}

/** An absolute out dir; a symlinked out dir is followed so the swap happens at its target. */
async function resolveOutDir(outDir: string): Promise<string> {
  const absolute = path.resolve(outDir);
  try {
    return (await lstat(absolute)).isSymbolicLink() ? await realpath(absolute) : absolute;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return absolute;
    throw error;
  }
}
