import {
  copyFileSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readlinkSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import type { OutputFile } from "../types.js";
import { addFolder, foldersOf } from "./compare-tree.js";
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

/** Errors that mean "this file system cannot hard-link here": fall back to copying. */
const NO_HARD_LINKS = new Set(["EXDEV", "EPERM", "ENOTSUP", "EOPNOTSUPP", "EMLINK", "ENOSYS"]);

/**
 * Fills the empty `stagingDir` from `plan`. Kept files are hard-linked from `currentDir`:
 * the same inode, so bytes, mode and mtime stay exactly as they were, at the cost of one
 * syscall per file (measured faster than copying; see bench/emit.ts).
 *
 * The file system calls are synchronous: for tens of thousands of small files, a promise and
 * a thread-pool round trip per call cost several times the syscall itself (80,000 writes on
 * tmpfs: about 4× the CPU), and a build has nothing else to do meanwhile.
 */
export function stageTree(currentDir: string, stagingDir: string, plan: StagePlan): void {
  const all = [...plan.write.map((f) => f.path), ...plan.keep, ...plan.symlinks];
  const folders = foldersOf(all);
  for (const dir of plan.emptyDirs) addFolder(folders, dir);
  makeFolders(stagingDir, [...folders]);
  const staged = withSep(stagingDir);
  const current = withSep(currentDir);
  for (const f of plan.write) writeFileSync(staged + f.path, f.content);
  const mode = { copy: false };
  for (const p of plan.keep) linkOrCopy(current + p, staged + p, mode);
  for (const p of plan.symlinks) symlinkSync(readlinkSync(current + p), staged + p);
}

/** Creates folders parents first, so each mkdir is a single syscall with its parent present. */
function makeFolders(root: string, folders: string[]): void {
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
