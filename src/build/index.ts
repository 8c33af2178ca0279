import path from "node:path";
import type { StackyardConfig } from "../config/types.js";
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { diskRepoFs, type RepoFs } from "../discover/repo-fs.js";
import { checkOutput, outDirProblem, type LockProcess } from "../emit/index.js";
import { recordingRepoFs, type StaleBuild } from "./build-cache.js";
import { commitBuild, type BuildResult } from "./commit-build.js";
import { buildIncremental, validateIncremental } from "./incremental.js";
import { withOtherClusters } from "./carry-clusters.js";
import { diagnosticsUnder } from "./diagnostics-under.js";
import { compileRepo, type CompiledRepo } from "./compile-repo.js";
import { inspectClusters, inspectCompiled, type RepoInspection } from "./inspect-repo.js";
import { listStacks } from "./list-stacks.js";
import { textReader } from "./text-reader.js";

export type { RepoInspection } from "./inspect-repo.js";

export type { StackSummary } from "./list-stacks.js";

export type { CompiledRepo };

export type { BuildResult };

/**
 * `build` when the cache record is stale: only what changed is compiled when that gives what a
 * full build would (see incremental.ts), else everything.
 */
export async function buildChanged(req: RepoRequest, stale: StaleBuild): Promise<BuildResult> {
  return (await buildIncremental(req, stale)) ?? buildRepo(req);
}

/** What every command asks of the core: the repository root and its configuration. */
export interface RepoRequest {
  root: string;
  /** The files to compile; defaults to the work tree at `root`. */
  fs?: RepoFs;
  config: StackyardConfig;
  /** `validate PATH…`: report only diagnostics of files under these paths (repo-relative). */
  paths?: string[];
  /** The running program, supplied by the CLI: needed to lock and write out/. */
  host?: BuildHost;
  /** `build --cluster`: compile only these of `clusters:`; the others' files stay as they are. */
  onlyClusters?: string[];
  /** `explain`: with `clusters:`, inspect each cluster's objects as it receives them. */
  perCluster?: boolean;
}

/** What only the CLI may know: the compiler version and the process holding the out/ lock. */
export interface BuildHost {
  compilerVersion: string;
  lock: LockProcess;
  /**
   * The compiler's identity for the build cache (version plus a digest of its code and
   * built-in stacks). Without it, builds are neither recorded nor looked up.
   */
  compilerId?: string;
  /**
   * Runs a build's write of out/ (from taking its lock to releasing it) so that it is not cut
   * short by the signals that stop a process (see cli/defer-signals.ts).
   */
  whileWriting?: <T>(write: () => Promise<T>) => Promise<T>;
}

/** The version recorded when no host is given (in-memory compiles never write it). */
const UNKNOWN_VERSION = "0.0.0";

export interface CompileResult {
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  stats: { resources: number; objects: number; files: number };
}

/** Compiles the repository and, when there are no errors, replaces `out/` atomically. */
export async function buildRepo(req: RepoRequest): Promise<BuildResult> {
  // Only a work-tree build is recorded for the cache: its inputs are files that can be stat'd.
  const compilerId = req.fs === undefined ? req.host?.compilerId : undefined;
  const recorder = compilerId === undefined ? undefined : recordingRepoFs(req.root);
  const fs = recorder ?? repoFs(req);
  const compiled = await compileRepo(
    fs,
    req.config,
    textReader(fs, req.config.limits.maxFileBytes),
    req.onlyClusters,
  );
  const result = {
    diagnostics: compiled.diagnostics,
    sources: compiled.sources,
    stats: compiled.stats,
  };
  if (hasErrors(compiled.diagnostics)) return result;
  return commitBuild(req, result, async (outDir) => ({
    files:
      req.onlyClusters === undefined
        ? compiled.files
        : await withOtherClusters(outDir, compiled.files, req.onlyClusters),
    record:
      recorder === undefined
        ? undefined
        : (files) => ({
            inputs: recorder.inputs(),
            outputs: files.map((f) => f.path),
            units: compiled.units,
          }),
  }));
}

/** `validate` when the cache record is stale: only what changed is compiled, when that is exact. */
export async function validateChanged(req: RepoRequest, stale: StaleBuild): Promise<CompileResult> {
  return (await validateIncremental(req, stale)) ?? validateRepo(req);
}

/** Compiles in memory and compares with `out/`: added, changed and deleted files. */
export async function checkRepo(
  req: RepoRequest,
): Promise<CompileResult & { stale?: { added: string[]; changed: string[]; deleted: string[] } }> {
  const compiled = await compileRepo(
    repoFs(req),
    req.config,
    textReader(repoFs(req), req.config.limits.maxFileBytes),
  );
  const result = {
    diagnostics: compiled.diagnostics,
    sources: compiled.sources,
    stats: compiled.stats,
  };
  if (hasErrors(compiled.diagnostics)) return result;
  const blocked = outDirProblem(req.root, req.config.outDir, req.config.outDirAt);
  if (blocked !== undefined) return { ...result, diagnostics: [...result.diagnostics, blocked] };
  const report = await checkOutput(path.resolve(req.root, req.config.outDir), compiled.files, {
    compilerVersion: req.host?.compilerVersion ?? UNKNOWN_VERSION,
    ...(req.host === undefined ? {} : { lock: req.host.lock }),
  });
  const withWarnings = { ...result, diagnostics: [...result.diagnostics, ...report.warnings] };
  const stale = report.added.length + report.changed.length + report.deleted.length > 0;
  // Reported repository-relative (out/…), the way a user finds the files.
  const rel = (paths: string[]) => paths.map((p) => path.posix.join(req.config.outDir, p));
  const staleFiles = {
    added: rel(report.added),
    changed: rel(report.changed),
    deleted: rel(report.deleted),
  };
  return stale ? { ...withWarnings, stale: staleFiles } : withWarnings;
}

/** Compiles in memory and returns the would-be out/ files (tests, diff and preview use this). */
export async function compileRepoFiles(req: RepoRequest): Promise<CompiledRepo> {
  return compileRepo(
    repoFs(req),
    req.config,
    textReader(repoFs(req), req.config.limits.maxFileBytes),
  );
}

/** Compiles in memory and keeps what `graph` and `explain` read: objects, provenance, lineage. */
export async function inspectRepo(req: RepoRequest): Promise<RepoInspection> {
  return (req.perCluster === true ? inspectClusters : inspectCompiled)(
    repoFs(req),
    req.config,
    textReader(repoFs(req), req.config.limits.maxFileBytes),
  );
}

/** Every stack the repository can use: built-in and its own. */
export async function listRepoStacks(
  req: RepoRequest,
): Promise<Awaited<ReturnType<typeof listStacks>>> {
  return listStacks(repoFs(req), req.config);
}

/** Parses, normalizes, validates, resolves and renders; writes nothing. */
export async function validateRepo(req: RepoRequest): Promise<CompileResult> {
  const compiled = await compileRepo(
    repoFs(req),
    req.config,
    textReader(repoFs(req), req.config.limits.maxFileBytes),
  );
  const diagnostics = diagnosticsUnder(compiled.diagnostics, req.paths);
  return { diagnostics, sources: compiled.sources, stats: compiled.stats };
}

function repoFs(req: RepoRequest): RepoFs {
  return req.fs ?? diskRepoFs(req.root);
}
