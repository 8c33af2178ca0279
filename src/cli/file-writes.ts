import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import {
  access,
  chmod,
  link,
  mkdir,
  readdir,
  readFile,
  realpath,
  rename,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import path from "node:path";
import { NO_HARD_LINKS } from "../emit/fs/no-hard-links.js";
import { isAlive } from "./process-alive.js";

/** Reads a text file, or undefined when it does not exist. */
export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Creates a file that must not exist yet (folders included). Returns false, writing nothing,
 * when it exists: scaffolding never overwrites a user's work.
 *
 * The text is written to a temporary file first and hard-linked into place (a link fails if
 * the name exists), so a process killed part way never leaves a short file that a second run
 * would then refuse to replace. A file system without hard links gets a plain exclusive write.
 */
export async function createFile(file: string, text: string): Promise<boolean> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = await writeTemp(file, text);
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (!NO_HARD_LINKS.has(code ?? "")) throw error;
  } finally {
    await rm(temp, { force: true });
  }
  try {
    await writeFile(file, text, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/**
 * Writes a file only when its content differs; true when it was written. The new text goes to
 * a temporary file renamed over the old one, with the old one's mode, so a process killed part
 * way leaves the old file or the new one, never a truncated user file (`.vscode/settings.json`).
 * A symbolic link (a dotfiles checkout) is followed: its target is replaced, the link stays.
 */
export async function writeIfChanged(file: string, text: string): Promise<boolean> {
  if ((await readIfExists(file)) === text) return false;
  await mkdir(path.dirname(file), { recursive: true });
  const target = await realpath(file).catch(() => file);
  const mode = await stat(target).then(
    (s) => s.mode & 0o7777,
    () => undefined,
  );
  // A file the user made read-only stays theirs: refused as a write to it would be.
  if (mode !== undefined) await access(target, constants.W_OK);
  const temp = await writeTemp(target, text);
  try {
    if (mode !== undefined) await chmod(temp, mode);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return true;
}

/**
 * A new file holding `text` next to `file` (the same folder, so a rename or link between the
 * two is on one file system): `.<name>.stackyard-<pid>-<hex>.tmp`. The temporary files of the
 * same name that a killed process left (its pid is not running) are removed first.
 */
async function writeTemp(file: string, text: string): Promise<string> {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.stackyard-`;
  await removeLeftTemps(dir, prefix);
  const temp = path.join(dir, `${prefix}${process.pid}-${randomBytes(6).toString("hex")}.tmp`);
  await writeFile(temp, text, { flag: "wx" });
  return temp;
}

/** Removes `<prefix><pid>-<hex>.tmp` files in `dir` whose process is gone (see writeTemp). */
async function removeLeftTemps(dir: string, prefix: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = /^(\d+)-[0-9a-f]{12}\.tmp$/.exec(name.slice(prefix.length))?.[1];
    if (pid !== undefined && !isAlive(Number(pid))) await rm(path.join(dir, name), { force: true });
  }
}

/** A path for messages: repository-relative and POSIX. */
export function displayPath(root: string, file: string): string {
  const rel = path.relative(root, file);
  return rel === "" ? "." : rel.split(path.sep).join("/");
}
