import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { compileRepoFiles, type CompiledRepo } from "../../src/build/index.js";
import { loadConfig } from "../../src/config/index.js";
import { formatDiagnostics } from "../../src/diagnostics/format.js";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

/** A throwaway copy of the example platform repository with its own stackyard.yaml. */
export interface TempRepo {
  dir: string;
  dispose(): Promise<void>;
}

/** A minimal stackyard.yaml, with `extra` YAML appended (clusters, say). */
export function exampleConfig(extra: string): string {
  return `roots: [resources]\ndefaultWorkspace: public\nplatform:\n  fqdn: data.example.internal\n${extra}`;
}

/** A temp repository holding `files` (repo-relative path → text) and a stackyard.yaml. */
export async function tempRepo(config: string, files: Record<string, string>): Promise<TempRepo> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "stackyard-gitops-"));
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  await writeFile(path.join(dir, "stackyard.yaml"), config);
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Compiles a repository directory in memory, with its config and diagnostics as text. */
export async function compileDir(
  dir: string,
): Promise<CompiledRepo & { errors: string; text: string }> {
  const loaded = await loadConfig(dir);
  const compiled = await compileRepoFiles({ root: dir, config: loaded.config });
  const diagnostics = [...loaded.diagnostics, ...compiled.diagnostics];
  const sources = new Map([...loaded.sources, ...compiled.sources]);
  const text = formatDiagnostics(diagnostics, sources, "text", {
    color: false,
    toolVersion: "0.0.0-test",
  });
  const errors = diagnostics.filter((d) => d.severity === "error");
  return { ...compiled, diagnostics, errors: errors.length === 0 ? "" : text, text };
}

/** Two clusters: an Argo CD one that runs everything, a Flux one that runs retail only. */
export const TWO_CLUSTERS = `clusters:
  - name: prod-eu
    engine: argocd
    repoURL: https://github.com/acme/platform.git
  - name: edge
    engine: flux
    repoURL: https://github.com/acme/platform.git
    branch: rendered/main
    workspaces: [retail]
`;
