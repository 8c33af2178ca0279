import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

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
 */
export async function createFile(file: string, text: string): Promise<boolean> {
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, text, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** Writes a file only when its content differs; true when it was written. */
export async function writeIfChanged(file: string, text: string): Promise<boolean> {
  if ((await readIfExists(file)) === text) return false;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return true;
}

/** A path for messages: repository-relative and POSIX. */
export function displayPath(root: string, file: string): string {
  const rel = path.relative(root, file);
  return rel === "" ? "." : rel.split(path.sep).join("/");
}
