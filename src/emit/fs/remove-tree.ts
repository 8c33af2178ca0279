import { readdirSync, rmdirSync, unlinkSync } from "node:fs";
import { rm } from "node:fs/promises";

/**
 * Removes a folder and everything in it; a missing folder is fine. A previous tree holds tens
 * of thousands of files: walking it synchronously with the entries' types (one readdir per
 * folder, one unlink per file, no stat) takes a third of the time `rm({recursive})` does.
 * Anything unusual (a missing folder, a permission, a file busy on Windows) is left to `rm`.
 */
export async function removeTree(dir: string): Promise<void> {
  try {
    removeTreeSync(dir);
  } catch {
    // Including a folder that is gone, or goes while we walk it: `force` makes that fine.
    await rm(dir, { recursive: true, force: true });
  }
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
