import { readdirSync, rmdirSync, unlinkSync } from "node:fs";
import { rm } from "node:fs/promises";
import { addFolder, foldersOf } from "./compare-tree.js";
import { startCalls } from "./parallel-calls.js";
import type { TreeListing } from "./walk-tree.js";
import { withSep } from "./with-sep.js";

/**
 * Removes a folder and everything in it; a missing folder is fine. A previous tree holds tens
 * of thousands of files: walking it synchronously with the entries' types (one readdir per
 * folder, one unlink per file, no stat) takes a third of the time `rm({recursive})` does.
 * Anything unusual (a missing folder, a permission, a file busy on Windows) is left to `rm`.
 *
 * With `listing` (the tree as walkTree listed it: writeOutput has, to compare it), no folder is
 * read: the files are unlinked on two threads (see parallel-calls.ts), then the folders removed
 * deepest first. Anything the listing does not hold (a file added since) makes a folder's
 * removal fail, and the walk finishes the job.
 */
export async function removeTree(dir: string, listing?: TreeListing): Promise<void> {
  await startRemoval(dir, listing).finish();
}

/**
 * removeTree, started: with a listing, a worker thread starts unlinking the files now, and
 * `finish` joins in, removes the folders and waits for the end. What the caller does in between
 * overlaps with the worker's share.
 */
export function startRemoval(dir: string, listing?: TreeListing): { finish(): Promise<void> } {
  const walk = async () => {
    try {
      removeTreeSync(dir);
    } catch {
      // Including a folder that is gone, or goes while we walk it: `force` makes that fine.
      await rm(dir, { recursive: true, force: true });
    }
  };
  if (listing === undefined) return { finish: walk };
  const entries = [...listing.files, ...listing.symlinks, ...listing.other];
  const base = withSep(dir);
  const unlinking = startCalls({ kind: "unlink", base, paths: entries });
  return {
    finish: async () => {
      if ((await unlinking.finish()).ok && removeFolders(dir, entries, listing.emptyDirs)) return;
      await walk();
    },
  };
}

/** Removes the folders of a tree whose files are gone, deepest first; false if one is not empty. */
function removeFolders(dir: string, entries: readonly string[], emptyDirs: readonly string[]) {
  const base = withSep(dir);
  const folders = foldersOf(entries);
  for (const empty of emptyDirs) addFolder(folders, empty);
  // A folder's path is longer than its parent's: longest first removes children first.
  const deepestFirst = [...folders].sort((a, b) => b.length - a.length);
  try {
    for (const folder of deepestFirst) rmdirSync(base + folder);
    rmdirSync(dir);
  } catch {
    return false;
  }
  return true;
}

function removeTreeSync(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const child = `${dir}/${entry.name}`;
    // A symlink is removed, never followed: isDirectory() is false for it.
    if (entry.isDirectory()) removeTreeSync(child);
    else unlinkSync(child);
  }
  rmdirSync(dir);
}
