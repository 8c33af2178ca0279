import {
  copyFileSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readlinkSync,
  symlinkSync,
  utimesSync,
} from "node:fs";
import type { OutputFile } from "../types.js";
import { startCalls, WORKER_STOPPED, type CallsOutcome } from "./parallel-calls.js";
import { writeFiles } from "./parallel-writes.js";
import { addFolder, foldersOf } from "./compare-tree.js";
import { NO_HARD_LINKS } from "./no-hard-links.js";
import { withSep } from "./with-sep.js";

/** What goes into a staged tree. */
export interface StagePlan {
  /** Files with new bytes. */
  write: OutputFile[];
  /** Files taken from the current tree as they are: unchanged owned files and kept ones. */
  keep: string[];
  /** Symbolic links of the current tree, recreated with the same target. */
  symlinks: string[];
  /** Empty folders of the current tree. */
  emptyDirs: string[];
}

/**
 * Fills the empty `stagingDir` from `plan`. Kept files are hard-linked from `currentDir`:
 * the same inode, so bytes, mode and mtime stay exactly as they were, at the cost of one
 * syscall per file (measured faster than copying; see bench/emit.ts).
 *
 * The file system calls are synchronous: for tens of thousands of small files, a promise and
 * a thread-pool round trip per call cost several times the syscall itself (80,000 writes on
 * tmpfs: about 4× the CPU). The links are shared with a worker thread instead.
 */
export async function stageTree(
  currentDir: string,
  stagingDir: string,
  plan: StagePlan,
): Promise<void> {
  const all = [...plan.write.map((f) => f.path), ...plan.keep, ...plan.symlinks];
  const folders = foldersOf(all);
  for (const dir of plan.emptyDirs) addFolder(folders, dir);
  makeFolders(stagingDir, [...folders]);
  const staged = withSep(stagingDir);
  const current = withSep(currentDir);
  // The links start on a worker thread (for long lists) while this one writes the new files;
  // the writes get a worker of their own only when the links have none (two cores here).
  const links = startLinks(current, staged, plan.keep);
  try {
    await writeFiles(staged, plan.write, links.shared ? { splitAt: Infinity } : {});
  } catch (error) {
    // The staged tree is about to be removed: no worker may still be linking into it.
    await links.cancel();
    throw error;
  }
  await links.finish();
  for (const p of plan.symlinks) symlinkSync(readlinkSync(current + p), staged + p);
}

/**
 * Hard-links the kept files into the staged tree, on two threads for long lists (see
 * parallel-calls.ts). The first link shows whether the file system links at all; if it does
 * not, or stops linking part way (EMLINK), the files not yet there are copied one by one.
 */
function startLinks(
  current: string,
  staged: string,
  keep: readonly string[],
): { shared: boolean; finish(): Promise<void>; cancel(): Promise<void> } {
  const mode = { copy: false };
  const done = () => Promise.resolve();
  if (keep.length === 0) return { shared: false, finish: done, cancel: done };
  linkOrCopy(current + keep[0]!, staged + keep[0]!, mode);
  const rest = keep.slice(1);
  /** After a parallel run that stopped part way, some files are there already. */
  const oneByOne = (some: boolean) => {
    for (const p of rest) {
      if (!some || lstatSync(staged + p, { throwIfNoEntry: false }) === undefined)
        linkOrCopy(current + p, staged + p, mode);
    }
  };
  if (mode.copy)
    return { shared: false, finish: () => Promise.resolve(oneByOne(false)), cancel: done };
  const calls = startCalls({ kind: "link", base: current, to: staged, paths: rest });
  return {
    shared: calls.shared,
    finish: async () => {
      const outcome = await calls.finish();
      if (outcome.ok) return;
      const { error } = outcome as Extract<CallsOutcome, { differs: false }>;
      // Another error (a full disk…) is the write's error: linking one by one would meet it too.
      if (!NO_HARD_LINKS.has(error.code) && error.code !== WORKER_STOPPED) {
        throw Object.assign(new Error(error.message), { code: error.code, path: error.path });
      }
      oneByOne(true);
    },
    cancel: () => calls.cancel(),
  };
}

/** Creates folders parents first, so each mkdir is a single syscall with its parent present. */
export function makeFolders(root: string, folders: string[]): void {
  const base = withSep(root);
  const byDepth = (f: string) => f.split("/").length;
  const sorted = folders.map((f) => ({ f, depth: byDepth(f) })).sort((a, b) => a.depth - b.depth);
  for (const { f } of sorted) mkdirSync(base + f);
}

function linkOrCopy(from: string, to: string, mode: { copy: boolean }): void {
  if (!mode.copy) {
    try {
      linkSync(from, to);
      return;
    } catch (error) {
      if (!NO_HARD_LINKS.has((error as NodeJS.ErrnoException).code ?? "")) throw error;
      mode.copy = true;
    }
  }
  copyFileSync(from, to);
  const stats = lstatSync(from);
  utimesSync(to, stats.atime, stats.mtime);
}
