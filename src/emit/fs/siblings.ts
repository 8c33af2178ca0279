import { randomBytes } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

/**
 * out/ is written through siblings of it, on the same file system (so renames between them are
 * atomic), named `<out>.stackyard-<kind>-<id>`:
 *   `tmp`      a tree or a patch being written (incomplete: never used, only removed)
 *   `ready`    a complete tree, to be swapped in (swap-tree.ts)
 *   `old`      the previous tree, between the two renames of a swap (swap-tree.ts)
 *   `patch`    a complete patch: the files to put in out/ and the journal of the renames that
 *              do it (patch-tree.ts)
 *   `patching` out/ itself while a patch of the same id is applied to it (patch-tree.ts)
 * A sibling becomes `ready` or `patch` by a rename from `tmp` once its last file is written:
 * the rename is the completion marker.
 */
export type SiblingKind = "tmp" | "ready" | "old" | "patch" | "patching";

const KINDS: readonly SiblingKind[] = ["tmp", "ready", "old", "patch", "patching"];

/** `<out>.stackyard-<kind>-<id>`: siblings of one write share an id. */
export function siblingPath(outDir: string, kind: SiblingKind, id: string): string {
  return `${outDir}.stackyard-${kind}-${id}`;
}

export function newSiblingId(): string {
  return randomBytes(6).toString("hex");
}

/** The sibling of another kind with the same id. */
export function pairedSibling(outDir: string, sibling: string, kind: SiblingKind): string {
  return siblingPath(outDir, kind, sibling.slice(sibling.lastIndexOf("-") + 1));
}

/** The siblings of `outDir` on disk, by kind, each list sorted. */
export async function listSiblings(outDir: string): Promise<Record<SiblingKind, string[]>> {
  const found: Record<SiblingKind, string[]> = {
    tmp: [],
    ready: [],
    old: [],
    patch: [],
    patching: [],
  };
  let names: string[];
  try {
    names = await readdir(path.dirname(outDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return found;
    throw error;
  }
  for (const name of names.sort()) {
    const full = path.join(path.dirname(outDir), name);
    for (const kind of KINDS) {
      // `patch-` is not a prefix of `patching-`: each name has one kind.
      if (full.startsWith(siblingPath(outDir, kind, ""))) found[kind].push(full);
    }
  }
  return found;
}

export async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}
