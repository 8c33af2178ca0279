import path from "node:path";
import type { StackyardConfig } from "../config/types.js";
import { diag, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { candidatePaths, diskRepoFs, type RepoFs } from "../discover/repo-fs.js";
import { acquireLock, checkOutput, writeOutput, type LockProcess } from "../emit/index.js";
import type { RepoTextReader } from "../resolve/resolve-runnables.js";
import { dropBuildRecord, recordingRepoFs, saveBuildRecord } from "./build-cache.js";
import { withOtherClusters } from "./carry-clusters.js";
import { diagnosticsUnder } from "./diagnostics-under.js";
import { compileRepo, type CompiledRepo } from "./compile-repo.js";
import { inspectCompiled, type RepoInspection } from "./inspect-repo.js";
import { listStacks } from "./list-stacks.js";

export type { RepoInspection } from "./inspect-repo.js";

export type { StackSummary } from "./list-stacks.js";

export type { CompiledRepo };

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
}

/** The version recorded when no host is given (in-memory compiles never write it). */
const UNKNOWN_VERSION = "0.0.0";

export interface CompileResult {
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  stats: { resources: number; objects: number; files: number };
}

/** Compiles the repository and, when there are no errors, replaces `out/` atomically. */
export async function buildRepo(
  req: RepoRequest,
): Promise<CompileResult & { write?: { written: number; unchanged: number; pruned: number } }> {
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
  if (!req.host) throw new Error("buildRepo needs a host to lock and write out/");
  const outDir = path.resolve(req.root, req.config.outDir);
  const lock = await acquireLock(outDir, req.host.lock);
  if (!lock.ok) {
    const holder = lock.heldBy
      ? `process ${lock.heldBy.pid} on ${lock.heldBy.hostname}`
      : "another process";
    return {
      ...result,
      diagnostics: [
        ...result.diagnostics,
        diag(
          "OUTPUT_LOCKED",
          `another stackyard build (${holder}) is writing ${req.config.outDir}/`,
          {},
          {
            hint: `wait for it to finish; if no build is running, delete ${path.relative(req.root, lock.lockPath)}`,
          },
        ),
      ],
    };
  }
  try {
    const files =
      req.onlyClusters === undefined
        ? compiled.files
        : await withOtherClusters(outDir, compiled.files, req.onlyClusters);
    await dropBuildRecord(outDir);
    const written = await writeOutput(outDir, files, { compilerVersion: req.host.compilerVersion });
    if (!written.ok)
      return { ...result, diagnostics: [...result.diagnostics, ...written.diagnostics] };
    if (recorder !== undefined && compilerId !== undefined) {
      const build = {
        key: { compilerId, config: req.config, onlyClusters: req.onlyClusters },
        fs: recorder,
        outputs: files.map((f) => f.path),
        ...result,
      };
      // out/ is written; a record that cannot be saved (a full disk…) only costs the next
      // build its shortcut, so it is dropped rather than failing a successful build.
      await saveBuildRecord(outDir, build).catch(() => dropBuildRecord(outDir));
    }
    const s = written.summary;
    return {
      ...result,
      diagnostics: [...result.diagnostics, ...written.warnings],
      write: { written: s.written.length, unchanged: s.unchanged, pruned: s.pruned.length },
    };
  } finally {
    await lock.release();
  }
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
  const report = await checkOutput(path.resolve(req.root, req.config.outDir), compiled.files, {
    compilerVersion: req.host?.compilerVersion ?? UNKNOWN_VERSION,
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
  return inspectCompiled(
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

/** `configs:` files: relative to the manifest, else to the repository root; never outside it. */
function textReader(fs: RepoFs, maxBytes: number): RepoTextReader {
  return async (fromFile, ref, at) => {
    const candidates = candidatePaths(fromFile, ref);
    if (candidates.length === 0) {
      return {
        diagnostic: diag(
          "PATH_OUTSIDE_REPO",
          `${JSON.stringify(ref)} points outside the repository`,
          at,
          { hint: "config files must live inside the repository" },
        ),
      };
    }
    let last: Diagnostic | undefined;
    for (const candidate of candidates) {
      const read = await fs.read(candidate, maxBytes);
      if (read.ok) return { text: read.text };
      last = read.diagnostic;
      if (read.diagnostic.code !== "INCLUDE_NOT_FOUND") break;
    }
    const d = last ?? diag("INCLUDE_NOT_FOUND", `${ref} does not exist`, at);
    return {
      diagnostic: {
        ...d,
        file: at.file,
        range: at.range,
        message:
          d.code === "INCLUDE_NOT_FOUND"
            ? `the config file ${JSON.stringify(ref)} does not exist`
            : d.message,
        hint: d.hint ?? "paths are relative to this file, or to the repository root",
      },
    };
  };
}
