import { lstatSync, readFileSync, type Stats } from "node:fs";
import path from "node:path";
import { INDEX_PATH } from "../ownership-index.js";
import type { OutputFile, OutputIndex } from "../types.js";
import type { TreeListing } from "./walk-tree.js";
import { withSep } from "./with-sep.js";

/** How the planned files relate to what is on disk (all paths relative to the out dir). */
export interface TreeComparison {
  /** Planned files whose bytes are already on disk. */
  unchanged: string[];
  /** Planned files not on disk. */
  added: string[];
  /** Planned files on disk with other bytes (or as something other than a file). */
  changed: string[];
  /** Owned files on disk that are no longer planned. */
  pruned: string[];
  /** Files and symlinks stackyard does not own, to be kept as they are. */
  carried: string[];
  /** Empty folders stackyard did not make, to be kept. */
  carriedEmptyDirs: string[];
  /** Planned paths occupied by, or in the way of, something stackyard does not own. */
  blocked: string[];
}

/**
 * Decides, for every planned file and every file on disk, what a build does with it.
 * Ownership comes from the previous index; without a trusted index, planned paths are
 * treated as stackyard's own (they follow its layout) and nothing else is pruned.
 */
export function compareTree(
  outDir: string,
  planned: readonly OutputFile[],
  previous: OutputIndex | undefined,
  disk: TreeListing,
  /** Planned files the caller knows are on disk with the planned bytes: never read. */
  kept: readonly string[] = [],
  /** Planned files the caller knows differ from any file on disk at their path: never read. */
  differs: readonly string[] = [],
): TreeComparison {
  const previousPaths = new Set(previous?.files.map((f) => f.path));
  const owns = (p: string): boolean => p === INDEX_PATH || previousPaths.has(p);
  const plannedPaths = [...planned.map((f) => f.path), ...kept];
  const plannedFiles = new Set(plannedPaths);
  const plannedFolders = foldersOf(plannedPaths);
  const result = noComparison();
  const carriedFolders = new Set<string>();
  for (const p of [...disk.files, ...disk.symlinks, ...disk.other]) {
    if (plannedFiles.has(p)) continue;
    if (owns(p)) {
      result.pruned.push(p);
      continue;
    }
    // A kept file must not sit where the plan needs a folder, nor inside a planned file.
    if (plannedFolders.has(p) || ancestors(p).some((a) => plannedFiles.has(a))) {
      result.blocked.push(p);
    }
    result.carried.push(p);
    for (const a of ancestors(p)) carriedFolders.add(a);
  }
  for (const dir of disk.emptyDirs) {
    if (plannedFiles.has(dir)) continue; // replaced by the planned file
    if (!plannedFolders.has(dir)) result.carriedEmptyDirs.push(dir);
    // Stackyard makes no empty folder: this one is by hand, and so are the folders it is in.
    carriedFolders.add(dir);
    for (const a of ancestors(dir)) carriedFolders.add(a);
  }
  const ownsPlanned = (p: string): boolean => previous === undefined || owns(p);
  classifyPlanned(outDir, planned, disk, ownsPlanned, carriedFolders, new Set(differs), result);
  for (const p of kept) {
    if (carriedFolders.has(p) || !ownsPlanned(p)) result.blocked.push(p);
    else if (disk.files.has(p)) result.unchanged.push(p);
    else throw new Error(`emit: ${p} was to be kept as it is, but it is not on disk`);
  }
  for (const list of Object.values(result)) list.sort();
  return result;
}

/**
 * compareTree without listing out/, for a write that keeps most files as they are (an
 * incremental build, whose caller verified that out/ holds the previous index's files): only
 * the planned paths, their folders and the previous index's files that are not planned are
 * looked up. Hand-written files are not looked for, so `carried` is empty: a write that patches
 * out/ in place leaves them where they are. Undefined when anything is not plain — a planned
 * path or a pruned one among whose folders is something else than a folder (a symbolic link,
 * a file), a folder at a planned or pruned path, a planned path on disk that is not owned —
 * for compareTree to decide, with its listing: exactly the same answer otherwise.
 */
export function compareByLookup(
  outDir: string,
  planned: readonly OutputFile[],
  previous: OutputIndex,
  kept: readonly string[],
  differs: readonly string[] = [],
): { comparison: TreeComparison; folders: Set<string> } | undefined {
  const base = withSep(outDir);
  const owned = new Set(previous.files.map((f) => f.path));
  const owns = (p: string): boolean => p === INDEX_PATH || owned.has(p);
  const folders = new Set<string>();
  const absent = new Set<string>();
  /** Whether a folder and the ones it is in are folders or absent (not links, nor files). */
  const plainFolder = (f: string): boolean => {
    if (folders.has(f) || absent.has(f)) return true;
    const slash = f.lastIndexOf("/");
    if (slash > 0) {
      const parent = f.slice(0, slash);
      if (!plainFolder(parent)) return false;
      if (absent.has(parent)) {
        absent.add(f);
        return true;
      }
    }
    const st = lstatOrUndefined(base + f);
    if (st === null || (st !== undefined && !st.isDirectory())) return false;
    (st === undefined ? absent : folders).add(f);
    return true;
  };
  /** What is at a path whose folders are plain: undefined when nothing, null when unsure. */
  const entryAt = (p: string): Stats | undefined | null => {
    const slash = p.lastIndexOf("/");
    if (slash > 0 && !plainFolder(p.slice(0, slash))) return null;
    if (slash > 0 && absent.has(p.slice(0, slash))) return undefined;
    return lstatOrUndefined(base + p);
  };
  const result = noComparison();
  result.unchanged.push(...kept);
  if (!kept.every(owns)) return undefined;
  const differing = new Set(differs);
  const toRead: OutputFile[] = [];
  for (const file of planned) {
    const st = entryAt(file.path);
    if (st === null) return undefined;
    if (st === undefined) result.added.push(file.path);
    else if (!owns(file.path) || st.isDirectory()) return undefined;
    else if (st.isFile() && !differing.has(file.path)) toRead.push(file);
    else result.changed.push(file.path);
  }
  const plannedPaths = new Set([...planned.map((f) => f.path), ...kept]);
  for (const { path: p } of previous.files) {
    if (plannedPaths.has(p)) continue;
    const st = entryAt(p);
    if (st === null || st?.isDirectory()) return undefined;
    if (st !== undefined) result.pruned.push(p);
  }
  for (const file of toRead)
    (hasContent(outDir, file) ? result.unchanged : result.changed).push(file.path);
  for (const list of Object.values(result)) list.sort();
  return { comparison: result, folders };
}

/** A comparison with every list empty, for the compare functions to fill. */
function noComparison(): TreeComparison {
  return {
    unchanged: [],
    added: [],
    changed: [],
    pruned: [],
    carried: [],
    carriedEmptyDirs: [],
    blocked: [],
  };
}

/** lstat: undefined when nothing is there, null when the path cannot be looked up. */
function lstatOrUndefined(p: string): Stats | undefined | null {
  try {
    return lstatSync(p, { throwIfNoEntry: false });
  } catch {
    return null;
  }
}

function classifyPlanned(
  outDir: string,
  planned: readonly OutputFile[],
  disk: TreeListing,
  owns: (p: string) => boolean,
  carriedFolders: ReadonlySet<string>,
  differs: ReadonlySet<string>,
  result: TreeComparison,
): void {
  const toRead: OutputFile[] = [];
  const diskFolders = foldersOnDisk(disk);
  for (const file of planned) {
    const p = file.path;
    const onDisk = disk.files.has(p) || disk.symlinks.has(p) || disk.other.has(p);
    if (carriedFolders.has(p) || (onDisk && !owns(p))) result.blocked.push(p);
    else if (disk.files.has(p) && differs.has(p)) result.changed.push(p);
    else if (disk.files.has(p)) toRead.push(file);
    else if (onDisk) result.changed.push(p);
    else if (diskFolders.has(p)) result.changed.push(p);
    else result.added.push(p);
  }
  // Synchronous reads: see stageTree on why, for thousands of small files.
  for (const file of toRead)
    (hasContent(outDir, file) ? result.unchanged : result.changed).push(file.path);
}

/** Every folder on disk: the folders of its entries, and its empty folders. */
export function foldersOnDisk(disk: TreeListing): Set<string> {
  const folders = new Set<string>();
  for (const set of [disk.files, disk.symlinks, disk.other]) addFolders(folders, set);
  for (const dir of disk.emptyDirs) addFolder(folders, dir);
  return folders;
}

function hasContent(outDir: string, file: OutputFile): boolean {
  const bytes = readFileSync(path.join(outDir, file.path));
  return bytes.equals(Buffer.from(file.content, "utf8"));
}

/** Every folder some of `paths` are in: `a` and `a/b` for `a/b/c`. */
export function foldersOf(paths: Iterable<string>): Set<string> {
  const folders = new Set<string>();
  addFolders(folders, paths);
  return folders;
}

/**
 * Adds the folders of `paths`, deepest first, stopping at the first one already there (its own
 * folders are then there too): one lookup per path for a tree of many files per folder.
 */
function addFolders(folders: Set<string>, paths: Iterable<string>): void {
  for (const p of paths) {
    const end = p.lastIndexOf("/");
    if (end > 0) addFolder(folders, p.slice(0, end));
  }
}

/** Adds a folder and its own folders, up to the first one already there. */
export function addFolder(folders: Set<string>, folder: string): void {
  for (let f = folder; f !== "" && !folders.has(f); f = f.slice(0, Math.max(0, f.lastIndexOf("/"))))
    folders.add(f);
}

/** `a`, `a/b` for `a/b/c`. */
export function ancestors(p: string): string[] {
  const result: string[] = [];
  for (let i = p.indexOf("/"); i !== -1; i = p.indexOf("/", i + 1)) result.push(p.slice(0, i));
  return result;
}
