import { access } from "node:fs/promises";
import path from "node:path";
import { discoverManifests, repoFileReader, type SourceRead } from "./discover.js";

/**
 * The repository as the compiler sees it. The work tree is one implementation; a git revision
 * read without a checkout (`stackyard diff`) is another. Paths are repository-relative POSIX.
 */
export interface RepoFs {
  /** Manifest files (`*.yaml`, `*.yml`) under the roots, minus the excluded globs, sorted. */
  listManifests(roots: readonly string[], exclude: readonly string[]): Promise<string[]>;
  /** A file's text, or a diagnostic saying why it cannot be used (missing, too large, binary…). */
  read(rel: string, maxBytes: number): Promise<SourceRead>;
  /** True when a regular file exists at the path. */
  exists(rel: string): Promise<boolean>;
}

/**
 * The repository in a directory on disk, as one build sees it: it remembers the real paths of
 * folders it has read from, so make a new one for each build.
 */
export function diskRepoFs(root: string): RepoFs {
  return {
    listManifests: (roots, exclude) => discoverManifests(root, roots, exclude),
    read: repoFileReader(root),
    exists: async (rel) => {
      try {
        await access(path.resolve(root, rel));
        return true;
      } catch {
        return false;
      }
    },
  };
}

/**
 * Resolves a path written in a manifest: relative to the manifest's folder first, then to the
 * repository root. Paths that leave the repository (absolute, or `..` above the root) give none.
 */
export function candidatePaths(fromFile: string, ref: string): string[] {
  const posix = ref.replace(/\\/g, "/");
  if (path.posix.isAbsolute(posix) || /^[a-zA-Z]:/.test(posix)) return [];
  const list = [
    path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), posix)),
    path.posix.normalize(posix),
  ];
  return [...new Set(list)].filter((c) => c !== ".." && !c.startsWith("../"));
}
