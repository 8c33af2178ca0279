import { mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import { walkTree } from "../../src/emit/fs/walk-tree.js";
import type { OutputFile } from "../../src/emit/types.js";
import { writeOutput, type WriteResult } from "../../src/emit/write-output.js";

const made: string[] = [];

/** A fresh temp folder, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "stackyard-emit-"));
  made.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** The write options of these tests. */
export const OPTIONS = { compilerVersion: "1.2.3" };

/** `out/` in a fresh temp folder (`root`), holding a first, successful build of `files`. */
export async function firstBuild(
  files: readonly OutputFile[],
): Promise<{ root: string; out: string }> {
  const root = await tempDir();
  const out = path.join(root, "out");
  expectOk(await writeOutput(out, files, OPTIONS));
  return { root, out };
}

/** Every regular file under `dir` with its text. */
export async function readTree(dir: string): Promise<Record<string, string>> {
  const listing = walkTree(dir);
  const entries = await Promise.all(
    [...listing.files].sort().map(async (p) => [p, await readFile(path.join(dir, p), "utf8")]),
  );
  return Object.fromEntries(entries);
}

/** Inode and mtime of a file, to prove it was not rewritten. */
export async function identity(file: string): Promise<string> {
  const s = await stat(file);
  return `${s.ino}:${s.mtimeMs}`;
}

/** Names in a folder, sorted. */
export async function names(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

/** An owned output file. */
export function file(p: string, content: string, line = 1): OutputFile {
  return {
    path: p,
    content,
    owned: true,
    source: { resourceId: `r:${p}`, file: "res.yaml", line },
  };
}

/** A first build's files: a kustomization and three objects in `default/public/`. */
export const PUBLIC_TREE: readonly OutputFile[] = [
  file("default/kustomization.yaml", "resources:\n  - public\n"),
  file("default/public/a.yaml", "a: 1\n", 3),
  file("default/public/b.yaml", "b: 1\n", 5),
  file("default/public/c.yaml", "c: 1\n", 7),
];

/** The successful result of a write, or a thrown error naming its diagnostics. */
export function expectOk(result: WriteResult): Extract<WriteResult, { ok: true }> {
  if (!result.ok) throw new Error(`write failed: ${JSON.stringify(result.diagnostics)}`);
  return result;
}
