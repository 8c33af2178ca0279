import fg from "fast-glob";
import { lstat, readFile, realpath } from "node:fs/promises";
import path from "node:path";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";

/** Folders that never hold manifests, whatever the config says. */
const ALWAYS_EXCLUDED = ["**/node_modules/**", "**/.git/**"];

/**
 * Lists the manifest files under the configured roots, sorted, as repository-relative POSIX
 * paths. Symbolic links are not followed: a link could point outside the repository.
 */
export async function discoverManifests(
  root: string,
  roots: readonly string[],
  exclude: readonly string[],
): Promise<string[]> {
  const patterns = roots.map((r) => {
    const base = r === "." || r === "" ? "" : `${fg.escapePath(r.replace(/\/+$/, ""))}/`;
    return `${base}**/*.{yaml,yml}`;
  });
  const found = await fg(patterns, {
    cwd: root,
    ignore: [...ALWAYS_EXCLUDED, ...exclude],
    dot: false,
    onlyFiles: true,
    followSymbolicLinks: false,
    unique: true,
  });
  return [...new Set(found)].sort();
}

/** The text of a source file, or a diagnostic saying why it cannot be used. */
export type SourceRead = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

/**
 * Reads one repository file as UTF-8 text. Refuses files that are too large, binary, not
 * UTF-8, or symbolic links that leave the repository. A UTF-8 byte-order mark is dropped.
 */
export async function readRepoFile(root: string, rel: string, maxBytes: number): Promise<SourceRead> {
  const abs = path.resolve(root, rel);
  const fail = (code: Parameters<typeof diag>[0], message: string, hint?: string): SourceRead => ({
    ok: false,
    diagnostic: diag(code, message, { file: rel }, hint === undefined ? undefined : { hint }),
  });
  if (!isInside(path.resolve(root), abs)) return fail("PATH_OUTSIDE_REPO", `${rel} is outside the repository`);
  try {
    const info = await lstat(abs);
    if (info.isSymbolicLink()) {
      const [target, realRoot] = await Promise.all([realpath(abs), realpath(root)]);
      if (!isInside(realRoot, target)) {
        return fail("PATH_OUTSIDE_REPO", `${rel} is a symbolic link to a file outside the repository`);
      }
    }
    const stat = info.isSymbolicLink() ? await lstat(await realpath(abs)) : info;
    if (!stat.isFile()) return fail("FILE_UNREADABLE", `${rel} is not a regular file`);
    if (stat.size > maxBytes) {
      return fail(
        "FILE_TOO_LARGE",
        `${rel} is ${stat.size} bytes, more than the limit of ${maxBytes} bytes`,
        "split the file, or raise limits.maxFileBytes in stackyard.yaml",
      );
    }
    const bytes = await readFile(abs);
    if (bytes.includes(0)) return fail("FILE_NOT_TEXT", `${rel} is a binary file, not YAML text`);
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      return fail("FILE_NOT_TEXT", `${rel} is not valid UTF-8`, "save the file as UTF-8");
    }
    return { ok: true, text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT"
      ? fail("INCLUDE_NOT_FOUND", `${rel} does not exist`)
      : fail("FILE_UNREADABLE", `${rel} cannot be read (${code ?? "unknown error"})`);
  }
}

/** True when `child` is `parent` or lies below it. */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}
