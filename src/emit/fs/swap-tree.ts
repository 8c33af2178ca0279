import { mkdir, rename } from "node:fs/promises";
import path from "node:path";
import { recoverPatch } from "./patch-tree.js";
import { removeTree, startRemoval } from "./remove-tree.js";
import { exists, listSiblings, newSiblingId, siblingPath, type SiblingKind } from "./siblings.js";
import type { TreeListing } from "./walk-tree.js";

/**
 * out/ replaced by directory renames between siblings (see siblings.ts): a complete tree is
 * staged in `tmp`, renamed `ready`, and swapped in. Linux cannot rename over a non-empty
 * directory, so a swap is two renames (out/ to `old`, `ready` to out/); a crash between them
 * leaves no out/, which `recoverOutput` repairs on the next run.
 */

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
 * `outDir` is missing, a tree being patched means the crash came while a patch was applied,
 * so the patch is finished (patch-tree.ts); a complete staged tree means it came between the
 * two renames of a swap, so the swap is finished; failing both, a previous tree is restored.
 * Returns what it did, for the caller to report.
 */
export async function recoverOutput(outDir: string): Promise<string[]> {
  const siblings = await listSiblings(outDir);
  const actions: string[] = [];
  if (!(await exists(outDir))) {
    const patching = siblings.patching[0];
    const restore = siblings.ready[0] ?? siblings.old[0];
    if (patching !== undefined) {
      actions.push(recoverPatch(outDir, patching));
    } else if (restore !== undefined) {
      await rename(restore, outDir);
      actions.push(`restored ${path.basename(outDir)} from ${path.basename(restore)}`);
    }
  }
  const { tmp, ready, old, patch, patching } = siblings;
  for (const dir of [...tmp, ...ready, ...old, ...patch, ...patching]) {
    if (!(await exists(dir))) continue; // the one just renamed into place
    await removeTree(dir);
    actions.push(`removed ${path.basename(dir)}`);
  }
  return actions;
}

function uniqueSibling(outDir: string, kind: SiblingKind): string {
  return siblingPath(outDir, kind, newSiblingId());
}
