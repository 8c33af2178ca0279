import fg from "fast-glob";
import { readFileSync } from "node:fs";
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
  const patterns = roots.map((r) => {
    const base = r === "." || r === "" ? "" : `${fg.escapePath(r.replace(/\/+$/, ""))}/`;
    return `${base}**/*`;
  });
  const entries = await fg(patterns, {
    cwd: root,
    ignore: [...ALWAYS_EXCLUDED, ...exclude],
    dot: false,
    onlyFiles: false,
    followSymbolicLinks: false,
    unique: true,
    objectMode: true,
  });
  const found: string[] = [];
  for (const entry of entries) {
    const listed = entry.dirent.isSymbolicLink()
      ? MANIFEST_NAME.test(entry.path) || (await isFolderOutside(root, entry.path))
      : entry.dirent.isFile() && MANIFEST_NAME.test(entry.path);
    if (listed) found.push(entry.path);
  }
  return [...new Set(found)].sort();
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
    if (!isInside(real.root(), file.real)) {
      return fail(
        "PATH_OUTSIDE_REPO",
        `${rel} leads outside the repository through a symbolic link`,
        "stackyard reads only files inside the repository; copy the file in instead of linking to it",
      );
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
