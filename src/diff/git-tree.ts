import type { SimpleGit } from "simple-git";

/** One file of a commit's tree, as `git ls-tree -l` lists it. */
export interface TreeEntry {
  /** `100644`, `100755`, `120000` (symbolic link) or `160000` (submodule). */
  mode: string;
  oid: string;
  /** Size in bytes; 0 for submodules. */
  size: number;
}

/** Git's modes for a regular file: the only entries stackyard reads. */
const REGULAR_FILE_MODES = new Set(["100644", "100755"]);

/** True when the entry is a plain file (not a link, not a submodule). */
export function isRegularFile(entry: TreeEntry): boolean {
  return REGULAR_FILE_MODES.has(entry.mode);
}

/**
 * Every path of a commit's tree below `prefix` (the stackyard root's folder in the git
 * repository, `""` or ending in "/"), relative to it, with mode, blob id and size. One
 * `git ls-tree` call, NUL-separated so no path is quoted or mangled.
 */
export async function listTree(
  git: SimpleGit,
  commit: string,
  prefix: string,
): Promise<Map<string, TreeEntry>> {
  const out = await git.raw(["ls-tree", "-r", "-z", "-l", "--full-tree", commit]);
  const entries = new Map<string, TreeEntry>();
  for (const record of out.split("\0")) {
    if (record === "") continue;
    const tab = record.indexOf("\t");
    const [mode, , oid, size] = record.slice(0, tab).split(/\s+/);
    if (mode === undefined || oid === undefined) continue;
    const path = record.slice(tab + 1);
    if (!path.startsWith(prefix)) continue;
    entries.set(path.slice(prefix.length), { mode, oid, size: size === "-" ? 0 : Number(size) });
  }
  return entries;
}
