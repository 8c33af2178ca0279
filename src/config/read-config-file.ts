import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { CONFIG_FILE_NAME } from "./types.js";

/** The config file never needs more than this; anything larger is a mistake. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** The file's text, absent (only allowed for the implicit file), or why it cannot be used. */
export type ConfigRead =
  { kind: "text"; text: string } | { kind: "absent" } | { kind: "failed"; diagnostic: Diagnostic };

/** The config file of a repository, read: its path as messages show it, and what was read. */
export interface RepoConfigFile {
  shown: string;
  read: ConfigRead;
}

/**
 * Reads `<root>/stackyard.yaml`, or `explicitPath` (relative to `root`) when given. Kept apart
 * from parsing, which loads the YAML parser: the build cache may already know what this text
 * means (see build/config-memo.ts).
 */
export async function readRepoConfigFile(
  root: string,
  explicitPath?: string,
): Promise<RepoConfigFile> {
  const abs = path.resolve(root, explicitPath ?? CONFIG_FILE_NAME);
  const shown = shownPath(root, abs);
  return { shown, read: await readConfigFile(abs, shown) };
}

/**
 * Reads stackyard.yaml as UTF-8 text; a byte-order mark is dropped. `shown` is the path used
 * in messages. A missing file is "absent", left for the caller to judge.
 */
export async function readConfigFile(abs: string, shown: string): Promise<ConfigRead> {
  const fail = (
    code: "FILE_UNREADABLE" | "FILE_TOO_LARGE" | "FILE_NOT_TEXT",
    message: string,
  ): ConfigRead => ({
    kind: "failed",
    diagnostic: diag(code, message, { file: shown }),
  });
  try {
    const info = await stat(abs);
    if (!info.isFile()) return fail("FILE_UNREADABLE", `${shown} is not a file`);
    if (info.size > MAX_CONFIG_BYTES) {
      return fail(
        "FILE_TOO_LARGE",
        `${shown} is ${info.size} bytes; a config file is at most ${MAX_CONFIG_BYTES}`,
      );
    }
    const bytes = await readFile(abs);
    try {
      return { kind: "text", text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
    } catch {
      return fail("FILE_NOT_TEXT", `${shown} is not valid UTF-8 text`);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "absent" };
    return fail("FILE_UNREADABLE", `${shown} cannot be read (${code ?? String(error)})`);
  }
}

/** The repository-relative path when the file is inside the repository, else as resolved. */
function shownPath(root: string, abs: string): string {
  const rel = path.relative(path.resolve(root), abs);
  const inside = rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
  return (inside ? rel : abs).split(path.sep).join("/");
}
