import { readdirSync } from "node:fs";
import path from "node:path";

/** What is on disk under a root, as POSIX paths relative to it. */
export interface TreeListing {
  /** Regular files. */
  files: Set<string>;
  /** Symbolic links (never followed: a link may point outside the tree). */
  symlinks: Set<string>;
  /** Directories with nothing in them (kept so hand-made empty folders survive a build). */
  emptyDirs: string[];
  /** Anything else (sockets, fifos): never copied, and it blocks a path stackyard needs. */
  other: Set<string>;
}

/** Lists a directory tree; a missing root is an empty tree. */
export function walkTree(root: string): TreeListing {
  const listing: TreeListing = {
    files: new Set(),
    symlinks: new Set(),
    emptyDirs: [],
    other: new Set(),
  };
  walkFolder(root, "", listing);
  listing.emptyDirs.sort();
  return listing;
}

/** Synchronous, like the rest of the tree work (see stageTree): tens of thousands of entries. */
function walkFolder(root: string, rel: string, listing: TreeListing): void {
  let entries;
  try {
    entries = readdirSync(path.join(root, rel), { withFileTypes: true });
  } catch (error) {
    if (rel === "" && (error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  if (entries.length === 0 && rel !== "") listing.emptyDirs.push(rel);
  for (const entry of entries) {
    const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) walkFolder(root, child, listing);
    else if (entry.isFile()) listing.files.add(child);
    else if (entry.isSymbolicLink()) listing.symlinks.add(child);
    else listing.other.add(child);
  }
}
