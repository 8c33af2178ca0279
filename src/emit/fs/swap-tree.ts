import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename, stat } from "node:fs/promises";
import path from "node:path";
import { removeTree, startRemoval } from "./remove-tree.js";
import type { TreeListing } from "./walk-tree.js";

/**
 * The out dir is replaced by directory renames between siblings on the same file system:
 *   `<out>.stackyard-tmp-*`   a tree being staged (incomplete; never swapped in)
 *   `<out>.stackyard-ready-*` a complete staged tree (renamed from tmp when its last file is
 *                             written: the rename is the completion marker, and it is atomic)
 *   `<out>.stackyard-old-*`   the previous tree, between the two renames of a swap
 * Linux cannot rename over a non-empty directory, so a swap is two renames; a crash between
 * them leaves no `<out>`, which `recoverOutput` repairs on the next run.
 */
type SiblingKind = "tmp" | "ready" | "old";

const SIBLING_MARK = ".stackyard-";

function siblingPrefix(outDir: string, kind: SiblingKind): string {
  return `${outDir}${SIBLING_MARK}${kind}-`;
}

/** A fresh, empty staging folder next to `outDir`. */
export async function makeStagingDir(outDir: string): Promise<string> {
  await mkdir(path.dirname(outDir), { recursive: true });
  const dir = uniqueSibling(outDir, "tmp");
  await mkdir(dir);
  return dir;
}

/** Marks a staged tree complete, returning its new name. */
export async function markReady(outDir: string, stagingDir: string): Promise<string> {
  const ready = uniqueSibling(outDir, "ready");
  await rename(stagingDir, ready);
  return ready;
}

/**
 * Replaces `outDir` by the complete tree `readyDir`; on failure the previous tree is put back.
 * `previous` is the previous tree's listing, when the caller has one: it saves reading its
 * folders to remove it (see startRemoval). `whileRemoving` runs once the new tree is in place,
 * while the previous one is removed; it must not throw.
 */
export async function swapIn(
  outDir: string,
  readyDir: string,
  previous?: TreeListing,
  whileRemoving?: () => Promise<void>,
): Promise<void> {
  const old = (await exists(outDir)) ? uniqueSibling(outDir, "old") : undefined;
  if (old !== undefined) await rename(outDir, old);
  try {
    await rename(readyDir, outDir);
  } catch (error) {
    if (old !== undefined) await rename(old, outDir);
    throw error;
  }
  const removal = old === undefined ? undefined : startRemoval(old, previous);
  try {
    await whileRemoving?.();
  } finally {
    await removal?.finish();
  }
}

/**
 * Finishes or rolls back an interrupted build, then removes every leftover sibling. When
 * `outDir` is missing, a complete staged tree means the crash came between the two renames
 * of a swap, so the swap is finished; failing that, a previous tree is restored.
 * Returns what it did, for the caller to report.
 */
export async function recoverOutput(outDir: string): Promise<string[]> {
  const siblings = await listSiblings(outDir);
  const actions: string[] = [];
  if (!(await exists(outDir))) {
    const restore = siblings.ready[0] ?? siblings.old[0];
    if (restore !== undefined) {
      await rename(restore, outDir);
      actions.push(`restored ${path.basename(outDir)} from ${path.basename(restore)}`);
    }
  }
  for (const dir of [...siblings.tmp, ...siblings.ready, ...siblings.old]) {
    if (!(await exists(dir))) continue; // the one just renamed into place
    await removeTree(dir);
    actions.push(`removed ${path.basename(dir)}`);
  }
  return actions;
}

async function listSiblings(outDir: string): Promise<Record<SiblingKind, string[]>> {
  const found: Record<SiblingKind, string[]> = { tmp: [], ready: [], old: [] };
  let names: string[];
  try {
    names = await readdir(path.dirname(outDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return found;
    throw error;
  }
  for (const name of names.sort()) {
    const full = path.join(path.dirname(outDir), name);
    for (const kind of ["tmp", "ready", "old"] as const) {
      if (full.startsWith(siblingPrefix(outDir, kind))) found[kind].push(full);
    }
  }
  return found;
}

function uniqueSibling(outDir: string, kind: SiblingKind): string {
  return `${siblingPrefix(outDir, kind)}${randomBytes(6).toString("hex")}`;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}
