import { readdir, readdirSync, readFileSync, statSync, type Dirent } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { realPaths, type RealPaths } from "./real-paths.js";

/** Folders that never hold manifests, whatever the config says. */
const ALWAYS_EXCLUDED = ["**/node_modules/**", "**/.git/**"];

const MANIFEST_NAME = /\.ya?ml$/;

/**
 * Lists the manifest files under the configured roots, sorted, as repository-relative POSIX
 * paths. Symbolic links are never followed while scanning: a linked manifest is listed (and
 * readRepoFile refuses it if it leads outside the repository); a linked folder is not entered,
 * and is listed only when it leads outside the repository, so that the user hears about it.
 */
export async function discoverManifests(
  root: string,
  roots: readonly string[],
  exclude: readonly string[],
): Promise<string[]> {
  const folders = folderRoots(root, roots);
  const entries =
    walkEntries(root, folders, exclude) ?? (await globEntries(root, folders, exclude));
  const found: string[] = [];
  for (const entry of entries) {
    // Listed so that reading it tells the user (FILE_UNREADABLE), with the run's other errors.
    if (entry.unlistable === true) {
      found.push(entry.path);
      continue;
    }
    const listed = entry.dirent.isSymbolicLink()
      ? MANIFEST_NAME.test(entry.path) || (await isFolderOutside(root, entry.path))
      : entry.dirent.isFile() && MANIFEST_NAME.test(entry.path);
    if (listed) found.push(entry.path);
  }
  return [...new Set(found)].sort();
}

/**
 * The roots that are folders (symbolic links followed): one that is missing, a file, or not
 * readable lists nothing (and a run that lists nothing at all says so: NO_MANIFESTS).
 */
function folderRoots(root: string, roots: readonly string[]): string[] {
  return roots.filter((r) => {
    try {
      return statSync(path.join(root, r), { throwIfNoEntry: false })?.isDirectory() === true;
    } catch {
      return false;
    }
  });
}

/** A file system entry under the roots: its repository-relative path and its type. */
interface Entry {
  path: string;
  dirent: Pick<Dirent, "isFile" | "isSymbolicLink">;
  /** A folder whose listing the file system refused (its permissions): see walkEntries. */
  unlistable?: true;
}

/** Errors of a listing that mean "this user may not list that folder". */
const NOT_PERMITTED = new Set(["EACCES", "EPERM"]);

/**
 * The entries fast-glob lists under the roots (at any depth), without the excluded ones. The
 * roots are folders (see folderRoots): fast-glob throws for a root that is a file.
 *
 * A folder whose listing is refused (EACCES, EPERM) would end fast-glob's walk with that
 * error; its listing is read as empty instead, and the folder is marked `unlistable`, as
 * walkEntries marks it, so that the run reports it with its other errors.
 */
export async function globEntries(
  root: string,
  roots: readonly string[],
  exclude: readonly string[],
): Promise<Entry[]> {
  // Imported here: most runs list by walkEntries and never load it (about 130 KB of code).
  const { default: fg } = await import("fast-glob");
  const patterns = roots.map((r) => {
    const base = r === "." || r === "" ? "" : `${fg.escapePath(r.replace(/\/+$/, ""))}/`;
    return `${base}**/*`;
  });
  const refused = new Set<string>();
  const listing = (dir: string, options: unknown, done: (e: Error | null, l: Dirent[]) => void) =>
    readdir(dir, options as { withFileTypes: true }, (error, entries) => {
      if (error !== null && NOT_PERMITTED.has(error.code ?? "")) {
        refused.add(path.relative(root, dir).split(path.sep).join("/"));
        done(null, []);
      } else done(error, entries);
    });
  const entries: Entry[] = await fg(patterns, {
    cwd: root,
    ignore: [...ALWAYS_EXCLUDED, ...exclude],
    dot: false,
    onlyFiles: false,
    followSymbolicLinks: false,
    unique: true,
    objectMode: true,
    fs: { readdir: listing as unknown as typeof readdir },
  });
  if (refused.size === 0) return entries;
  for (const entry of entries) if (refused.delete(entry.path)) entry.unlistable = true;
  // What is left was not listed by its parent: a root.
  for (const base of refused) if (base !== "") entries.push(unlistableRoot(base));
  return entries;
}

/** A path segment that no glob reads specially (and not `.` or `..`). */
const PLAIN_SEGMENT = /^(?!\.{1,2}$)[A-Za-z0-9._-]+$/;

/**
 * globEntries' entries by a plain walk (a third of fast-glob's time for 10,000 files, most of
 * it fast-glob's set-up and its matching of every entry), when the roots are plain paths and
 * every exclude is a folder: `a/b/**` (that path and all under it) or `**` + `/name/**` (every
 * entry with a segment of that name). The roots are folders (see folderRoots). Undefined for
 * anything else, and on any error (a root gone meanwhile): fast-glob then decides. The one
 * exception is a folder whose listing is refused (EACCES, EPERM): it is an entry marked
 * `unlistable`, and the walk goes on, so that the run reports it with its other errors.
 *
 * As with fast-glob's `dot: false`, no entry whose name starts with a dot is listed or entered
 * below a root; symbolic links are listed, never followed. A differential test
 * (test/discover/walk-entries.test.ts) holds the two to the same entries.
 */
export function walkEntries(
  root: string,
  roots: readonly string[],
  exclude: readonly string[],
): Entry[] | undefined {
  const plain = (p: string) => p.split("/").every((s) => PLAIN_SEGMENT.test(s));
  const paths: string[] = [];
  const names = new Set<string>();
  for (const pattern of [...ALWAYS_EXCLUDED, ...exclude]) {
    const name = /^\*\*\/([^/]+)\/\*\*$/.exec(pattern)?.[1];
    if (name !== undefined && PLAIN_SEGMENT.test(name)) names.add(name);
    else if (pattern.endsWith("/**") && plain(pattern.slice(0, -3)))
      paths.push(pattern.slice(0, -3));
    else return undefined;
  }
  const excluded = (rel: string) =>
    paths.some((p) => rel === p || rel.startsWith(`${p}/`)) ||
    (names.size > 0 && rel.split("/").some((s) => names.has(s)));
  const entries: Entry[] = [];
  /** False on an error that fast-glob is to judge; "unlistable" when permissions refuse it. */
  const walk = (dir: string): boolean | "unlistable" => {
    let listing: Dirent[];
    try {
      listing = readdirSync(dir === "" ? root : path.join(root, dir), { withFileTypes: true });
    } catch (error) {
      return NOT_PERMITTED.has((error as NodeJS.ErrnoException).code ?? "") ? "unlistable" : false;
    }
    for (const dirent of listing) {
      if (dirent.name.startsWith(".")) continue;
      const rel = dir === "" ? dirent.name : `${dir}/${dirent.name}`;
      if (excluded(rel)) continue;
      const entry: Entry = { path: rel, dirent };
      entries.push(entry);
      if (!dirent.isDirectory()) continue;
      const walked = walk(rel);
      if (walked === "unlistable") entry.unlistable = true;
      else if (!walked) return false;
    }
    return true;
  };
  for (const r of roots) {
    const base = r === "." ? "" : r.replace(/\/+$/, "");
    if (base !== "" && !plain(base)) return undefined;
    const walked = walk(base);
    if (walked === "unlistable" && base !== "") entries.push(unlistableRoot(base));
    else if (walked !== true) return undefined;
  }
  return entries;
}

/** A root folder that could not be listed, as an entry (see walkEntries). */
function unlistableRoot(base: string): Entry {
  const no = () => false;
  return { path: base, dirent: { isFile: no, isSymbolicLink: no }, unlistable: true };
}

/** True when a symbolic link leads to a folder outside the repository. */
async function isFolderOutside(root: string, rel: string): Promise<boolean> {
  try {
    const [target, realRoot] = await Promise.all([
      realpath(path.resolve(root, rel)),
      realpath(root),
    ]);
    return !isInside(realRoot, target) && (await stat(target)).isDirectory();
  } catch {
    return false; // a dangling link leads nowhere
  }
}

/** The text of a source file, or a diagnostic saying why it cannot be used. */
export type SourceRead = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

/**
 * Reads one repository file as UTF-8 text. Refuses files that are too large, binary, not
 * UTF-8, or symbolic links that leave the repository. A UTF-8 byte-order mark is dropped.
 */
export function readRepoFile(root: string, rel: string, maxBytes: number): Promise<SourceRead> {
  return repoFileReader(root)(rel, maxBytes);
}

/**
 * readRepoFile for many files of one run: the real paths of folders are resolved once and
 * remembered (see realPaths), so make a new reader for each build.
 *
 * The file system is read synchronously behind the promise. Manifests are small and usually
 * in the page cache, so an asynchronous call is mostly its hand-off to the thread pool and
 * back: reading 10,000 manifests 32 at a time through fs/promises took about 1.5 s of CPU and
 * of wall time, and 0.2 s synchronously, one at a time.
 */
export function repoFileReader(
  root: string,
): (rel: string, maxBytes: number) => Promise<SourceRead> {
  const real = realPaths(root);
  return async (rel, maxBytes) => readText(real, root, rel, maxBytes);
}

/** One file's text, or the diagnostic saying why it cannot be used. */
function readText(real: RealPaths, root: string, rel: string, maxBytes: number): SourceRead {
  const abs = path.resolve(root, rel);
  const fail = (code: DiagnosticCode, message: string, hint?: string): SourceRead => ({
    ok: false,
    diagnostic: diag(code, message, { file: rel }, hint === undefined ? undefined : { hint }),
  });
  if (!isInside(path.resolve(root), abs))
    return fail("PATH_OUTSIDE_REPO", `${rel} is outside the repository`);
  try {
    // The real path, not the path as written: the file itself, or any folder on the way to
    // it, may be a symbolic link that leads out of the repository.
    const file = real.file(abs);
    if (!isInside(real.root(), file.real)) return linkLeavesRepo(rel);
    if (file.info.isDirectory()) {
      // Listed by discoverManifests because its own listing was refused.
      const refused = listingRefused(abs);
      if (refused !== undefined) {
        return fail(
          "FILE_UNREADABLE",
          `${rel} is a folder under the roots that cannot be listed (${refused})`,
          "give the user that runs stackyard read access to it, or leave it out with exclude: in stackyard.yaml",
        );
      }
    }
    if (!file.info.isFile()) return fail("FILE_UNREADABLE", `${rel} is not a regular file`);
    if (file.info.size > maxBytes) {
      return fail(
        "FILE_TOO_LARGE",
        `${rel} is ${file.info.size} bytes, more than the limit of ${maxBytes} bytes`,
        "split the file, or raise limits.maxFileBytes in stackyard.yaml",
      );
    }
    const bytes = readFileSync(file.real);
    if (bytes.includes(0)) return fail("FILE_NOT_TEXT", `${rel} is a binary file, not YAML text`);
    const text = decodeUtf8(bytes);
    if (text === undefined)
      return fail("FILE_NOT_TEXT", `${rel} is not valid UTF-8`, "save the file as UTF-8");
    return { ok: true, text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT"
      ? fail("INCLUDE_NOT_FOUND", `${rel} does not exist`)
      : fail("FILE_UNREADABLE", `${rel} cannot be read (${code ?? "unknown error"})`);
  }
}

/**
 * The read of `rel`, a symbolic link (or a path through one) that leads outside the repository:
 * refused. A revision read from git (src/diff) refuses its links the same way.
 */
export function linkLeavesRepo(rel: string): SourceRead {
  return {
    ok: false,
    diagnostic: diag(
      "PATH_OUTSIDE_REPO",
      `${rel} leads outside the repository through a symbolic link`,
      { file: rel },
      {
        hint: "stackyard reads only files inside the repository; copy the file in instead of linking to it",
      },
    ),
  };
}

/** The error code that refuses listing the folder `abs`, or undefined when it lists. */
function listingRefused(abs: string): string | undefined {
  try {
    readdirSync(abs);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? "unknown error";
  }
}

/** Strict UTF-8: throws on malformed bytes, and drops a byte-order mark. Reusable across calls. */
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** The text of UTF-8 bytes (a byte-order mark dropped); undefined when they are not UTF-8. */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** True when `child` is `parent` or lies below it. */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}
