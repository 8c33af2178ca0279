import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { OutputFile } from "../../src/emit/types.js";

/** `kubectl kustomize` is at /usr/bin/kubectl here and on CI machines. */
const KUBECTL = "kubectl";

/** Writes out/ files into a temp directory; the caller removes it. */
export async function writeTree(files: readonly OutputFile[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "stackyard-out-"));
  for (const f of files) {
    await mkdir(path.dirname(path.join(dir, f.path)), { recursive: true });
    await writeFile(path.join(dir, f.path), f.content);
  }
  return dir;
}

/** Runs `kubectl kustomize FOLDER`: the rendered YAML, or the error kubectl printed. */
export function kustomize(
  folder: string,
): Promise<{ ok: true; yaml: string } | { ok: false; error: string }> {
  return new Promise((resolve) => {
    execFile(
      KUBECTL,
      ["kustomize", folder],
      { maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve(
          error === null
            ? { ok: true, yaml: stdout }
            : { ok: false, error: `${stderr}${error.message}` },
        );
      },
    );
  });
}

/** Every folder that holds a kustomization.yaml, relative to the out dir. */
export function kustomizationFolders(files: readonly OutputFile[]): string[] {
  return files
    .filter((f) => f.path.endsWith("/kustomization.yaml"))
    .map((f) => path.posix.dirname(f.path));
}

export async function removeTree(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
