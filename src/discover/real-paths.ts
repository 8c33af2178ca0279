import { lstatSync, realpathSync, statSync, type Stats } from "node:fs";
import path from "node:path";

/** What a path leads to once every symbolic link on the way is followed. */
export interface RealFile {
  /** The absolute path with no symbolic link left in it. */
  real: string;
  /** The stat of what `real` names (never of a link). */
  info: Stats;
}

/** Real paths within one repository, for one run: folders are resolved once and remembered. */
export interface RealPaths {
  /** The real path of the repository root. */
  root(): string;
  /** Follows every link in `abs`; throws the errno error realpath would. */
  file(abs: string): RealFile;
}

/**
 * Resolves real paths with one lstat per file instead of a realpath and a stat each. A file
 * that is not itself a link has its folder's real path plus its own name, so realpath runs
 * once per folder and once per linked file, and the lstat doubles as the file's stat.
 *
 * Folders are remembered for the life of the object, so it must not outlive one build: a
 * folder replaced by a link afterwards would not be noticed.
 */
export function realPaths(root: string): RealPaths {
  const folders = new Map<string, string>();
  const realFolder = (abs: string): string => {
    let real = folders.get(abs);
    if (real === undefined) {
      // The native realpath(3), as fs/promises uses; the JavaScript one differs on Windows.
      real = realpathSync.native(abs);
      folders.set(abs, real);
    }
    return real;
  };
  return {
    root: () => realFolder(path.resolve(root)),
    file: (abs) => {
      const own = lstatSync(abs);
      if (own.isSymbolicLink()) {
        const real = realpathSync.native(abs);
        return { real, info: statSync(real) };
      }
      return { real: path.join(realFolder(path.dirname(abs)), path.basename(abs)), info: own };
    },
  };
}
