import {
  copyFile,
  link,
  lstat,
  mkdir,
  readlink,
  symlink,
  utimes,
  writeFile,
} from "node:fs/promises";
import path from "node:path";
import type { OutputFile } from "../types.js";
import { ancestors } from "./compare-tree.js";
import { FILE_CONCURRENCY, mapLimit } from "./map-limit.js";

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
 */
export async function stageTree(
  currentDir: string,
  stagingDir: string,
  plan: StagePlan,
): Promise<void> {
  const all = [...plan.write.map((f) => f.path), ...plan.keep, ...plan.symlinks];
  await makeFolders(stagingDir, [...new Set([...all.flatMap(ancestors), ...plan.emptyDirs])]);
  const mode = { copy: false };
  await Promise.all([
    mapLimit(plan.write, FILE_CONCURRENCY, (f) =>
      writeFile(path.join(stagingDir, f.path), f.content),
    ),
    mapLimit(plan.keep, FILE_CONCURRENCY, (p) =>
      linkOrCopy(path.join(currentDir, p), path.join(stagingDir, p), mode),
    ),
    mapLimit(plan.symlinks, FILE_CONCURRENCY, async (p) =>
      symlink(await readlink(path.join(currentDir, p)), path.join(stagingDir, p)),
    ),
  ]);
}

/** Creates folders level by level, so each mkdir is a single syscall with its parent present. */
async function makeFolders(root: string, folders: string[]): Promise<void> {
  const byDepth = new Map<number, string[]>();
  for (const f of folders) {
    const depth = f.split("/").length;
    const level = byDepth.get(depth);
    if (level === undefined) byDepth.set(depth, [f]);
    else level.push(f);
  }
  for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
    await mapLimit(byDepth.get(depth) ?? [], FILE_CONCURRENCY, (f) => mkdir(path.join(root, f)));
  }
}

async function linkOrCopy(from: string, to: string, mode: { copy: boolean }): Promise<void> {
  if (!mode.copy) {
    try {
      await link(from, to);
      return;
    } catch (error) {
      if (!NO_HARD_LINKS.has((error as NodeJS.ErrnoException).code ?? "")) throw error;
      mode.copy = true;
    }
  }
  await copyFile(from, to);
  const stats = await lstat(from);
  await utimes(to, stats.atime, stats.mtime);
}
