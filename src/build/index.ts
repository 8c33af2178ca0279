import path from "node:path";
import type { StackyardConfig } from "../config/types.js";
import { diag, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { isInside, readRepoFile } from "../discover/discover.js";
import { acquireLock, checkOutput, writeOutput } from "../emit/index.js";
import type { RepoTextReader } from "../resolve/resolve-runnables.js";
import { compileRepo, type CompiledRepo } from "./compile-repo.js";

export type { CompiledRepo };

/** What every command asks of the core: the repository root and its configuration. */
export interface RepoRequest {
  root: string;
  config: StackyardConfig;
  /** `validate PATH…`: report only diagnostics of files under these paths (repo-relative). */
  paths?: string[];
}

export interface CompileResult {
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  stats: { resources: number; objects: number; files: number };
}

/** Compiles the repository and, when there are no errors, replaces `out/` atomically. */
export async function buildRepo(req: RepoRequest): Promise<CompileResult & { write?: { written: number; unchanged: number; pruned: number } }> {
  const compiled = await compileRepo(req.root, req.config, textReader(req));
  const result = { diagnostics: compiled.diagnostics, sources: compiled.sources, stats: compiled.stats };
  if (hasErrors(compiled.diagnostics)) return result;
  const outDir = path.resolve(req.root, req.config.outDir);
  const lock = await acquireLock(outDir);
  if (!lock.ok) {
    return {
      ...result,
      diagnostics: [
        ...result.diagnostics,
        diag("OUTPUT_LOCKED", `another stackyard build is writing ${req.config.outDir}/ (${lock.heldBy})`, {}, { hint: "wait for it to finish; if no build is running, delete the lock file it names" }),
      ],
    };
  }
  try {
    const summary = await writeOutput(outDir, compiled.files, {});
    return { ...result, write: { written: summary.written.length, unchanged: summary.unchanged, pruned: summary.pruned.length } };
  } finally {
    await lock.release();
  }
}

/** Compiles in memory and compares with `out/`: added, changed and deleted files. */
export async function checkRepo(req: RepoRequest): Promise<CompileResult & { stale?: { added: string[]; changed: string[]; deleted: string[] } }> {
  const compiled = await compileRepo(req.root, req.config, textReader(req));
  const result = { diagnostics: compiled.diagnostics, sources: compiled.sources, stats: compiled.stats };
  if (hasErrors(compiled.diagnostics)) return result;
  const report = await checkOutput(path.resolve(req.root, req.config.outDir), compiled.files);
  const stale = report.added.length + report.changed.length + report.deleted.length > 0;
  return stale ? { ...result, stale: report } : result;
}

/** Compiles in memory and returns the would-be out/ files (tests, diff and preview use this). */
export async function compileRepoFiles(req: RepoRequest): Promise<CompiledRepo> {
  return compileRepo(req.root, req.config, textReader(req));
}

/** Parses, normalizes, validates, resolves and renders; writes nothing. */
export async function validateRepo(req: RepoRequest): Promise<CompileResult> {
  const compiled = await compileRepo(req.root, req.config, textReader(req));
  const only = req.paths?.map((p) => path.posix.normalize(p.replace(/\\/g, "/")).replace(/\/$/, ""));
  const diagnostics =
    only === undefined || only.length === 0
      ? compiled.diagnostics
      : compiled.diagnostics.filter((d) => d.file === undefined || only.some((p) => p === "." || d.file === p || d.file!.startsWith(`${p}/`)));
  return { diagnostics, sources: compiled.sources, stats: compiled.stats };
}

/** `configs:` files: relative to the manifest, else to the repository root; never outside it. */
function textReader(req: RepoRequest): RepoTextReader {
  return async (fromFile, ref, at) => {
    const posix = ref.replace(/\\/g, "/");
    const candidates = path.posix.isAbsolute(posix) ? [] : [path.posix.join(path.posix.dirname(fromFile), posix), path.posix.normalize(posix)];
    const inside = candidates.filter((c) => !c.startsWith("../") && isInside(req.root, path.resolve(req.root, c)));
    if (inside.length === 0) {
      return { diagnostic: diag("PATH_OUTSIDE_REPO", `${JSON.stringify(ref)} points outside the repository`, at, { hint: "config files must live inside the repository" }) };
    }
    let last: Diagnostic | undefined;
    for (const candidate of inside) {
      const read = await readRepoFile(req.root, candidate, req.config.limits.maxFileBytes);
      if (read.ok) return { text: read.text };
      last = read.diagnostic;
      if (read.diagnostic.code !== "INCLUDE_NOT_FOUND") break;
    }
    const d = last ?? diag("INCLUDE_NOT_FOUND", `${ref} does not exist`, at);
    return { diagnostic: { ...d, file: at.file, range: at.range, message: d.code === "INCLUDE_NOT_FOUND" ? `the config file ${JSON.stringify(ref)} does not exist` : d.message, hint: d.hint ?? "paths are relative to this file, or to the repository root" } };
  };
}
