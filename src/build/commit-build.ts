import path from "node:path";
import { diag } from "../diagnostics/diagnostic.js";
import { acquireLock, outDirProblem, writeOutput } from "../emit/index.js";
import type { IndexEntry, OutputFile, OutputIndex, WriteSummary } from "../emit/types.js";
import {
  CACHE_DIR,
  dropBuildRecord,
  saveBuildRecord,
  topLevelCandidates,
  type BuildToRecord,
} from "./build-cache.js";
import type { BuildHost, CompileResult, RepoRequest } from "./index.js";

/** What `build` reports: the compile, and what the write did. */
export type BuildResult = CompileResult & {
  write?: { written: number; unchanged: number; pruned: number };
  /** Set when only some resources were compiled again (see incremental.ts). */
  incremental?: { recompiled: number };
};

/** The files a build writes, and what its cache record says beyond the compile result. */
export interface BuildCommit {
  files: OutputFile[];
  /** Owned files kept as they are, and the index they are from (see WriteOptions). */
  kept?: IndexEntry[];
  previous?: OutputIndex;
  /** Undefined: the build is not recorded. */
  record?: (
    files: readonly OutputFile[],
    written: readonly string[],
  ) => Pick<BuildToRecord, "inputs" | "outputs" | "units">;
}

/**
 * The end of every build without errors: under the out/ lock, drops the cache record, writes
 * out/ and records the build.
 */
export async function commitBuild(
  req: RepoRequest,
  result: CompileResult,
  prepare: (outDir: string) => Promise<BuildCommit>,
): Promise<BuildResult>;
/** `prepare` may give up (undefined), once it holds the lock: then nothing is written. */
export async function commitBuild(
  req: RepoRequest,
  result: CompileResult,
  prepare: (outDir: string) => Promise<BuildCommit | undefined>,
): Promise<BuildResult | undefined>;
export async function commitBuild(
  req: RepoRequest,
  result: CompileResult,
  prepare: (outDir: string) => Promise<BuildCommit | undefined>,
): Promise<BuildResult | undefined> {
  const host = req.host;
  if (!host) throw new Error("buildRepo needs a host to lock and write out/");
  const whileWriting = host.whileWriting ?? ((write) => write());
  return whileWriting(() => lockedCommit({ ...req, host }, result, prepare));
}

async function lockedCommit(
  req: RepoRequest & { host: BuildHost },
  result: CompileResult,
  prepare: (outDir: string) => Promise<BuildCommit | undefined>,
): Promise<BuildResult | undefined> {
  const outDir = path.resolve(req.root, req.config.outDir);
  // Nothing is locked or touched when out/ cannot be a folder.
  const blocked = outDirProblem(req.root, req.config.outDir, req.config.outDirAt);
  if (blocked !== undefined) return { ...result, diagnostics: [...result.diagnostics, blocked] };
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
    const commit = await prepare(outDir);
    if (commit === undefined) return undefined;
    const { files, kept, previous, record } = commit;
    await dropBuildRecord(outDir);
    const { compilerId } = req.host;
    /** Why the record was not saved: the build succeeds, and says so (CACHE_NOT_SAVED). */
    let notSaved: unknown;
    // Recorded while the previous tree is removed (the record lives in the new one).
    const saveRecord = async (summary: WriteSummary) => {
      if (record === undefined || compilerId === undefined) return;
      const build: BuildToRecord = {
        key: { compilerId, config: req.config, onlyClusters: req.onlyClusters },
        ...record(files, summary.written),
        ...result,
      };
      // out/ is written; a record that cannot be saved (a full disk…) only costs the next
      // build its shortcut, so it is dropped rather than failing a successful build.
      await saveBuildRecord(outDir, build);
    };
    const written = await writeOutput(outDir, files, {
      compilerVersion: req.host.compilerVersion,
      ...(kept === undefined ? {} : { kept }),
      ...(previous === undefined ? {} : { previous }),
      sources: result.sources,
      // It must not throw: a record that cannot be made is no record.
      afterWrite: (summary) =>
        saveRecord(summary).catch((error: unknown) => {
          notSaved = error;
          return dropBuildRecord(outDir).catch(() => {});
        }),
    });
    if (!written.ok)
      return { ...result, diagnostics: [...result.diagnostics, ...written.diagnostics] };
    const s = written.summary;
    const cacheWarning = notSaved === undefined ? [] : [cacheNotSaved(req.config.outDir, notSaved)];
    // Not recorded: a no-op build looks again (see stray-manifests.ts). Only the top folder's
    // names are looked up among what the build owns there.
    const owned: string[] = [];
    for (const { path: p } of files) if (!p.includes("/")) owned.push(p);
    for (const { path: p } of kept ?? []) if (!p.includes("/")) owned.push(p);
    const candidates = new Set([...s.carried, ...topLevelCandidates(outDir, owned)]);
    // Loaded only when out/ holds a file the build does not own: most builds never need it.
    const strays =
      candidates.size === 0
        ? { diagnostics: [], sources: new Map<string, string>() }
        : await (
            await import("./stray-manifests.js")
          ).strayManifests(req.root, req.config, [...candidates]);
    return {
      ...result,
      diagnostics: [
        ...result.diagnostics,
        ...written.warnings,
        ...cacheWarning,
        ...strays.diagnostics,
      ],
      sources: new Map([...result.sources, ...strays.sources]),
      write: { written: s.written.length, unchanged: s.unchanged, pruned: s.pruned.length },
    };
  } finally {
    await lock.release();
  }
}

/** CACHE_NOT_SAVED: the build's record could not be saved, for the reason `error` gives. */
function cacheNotSaved(outDir: string, error: unknown) {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${outDir}/${CACHE_DIR}`;
  const inTheWay = code === "ENOTDIR" || code === "EEXIST";
  const why = inTheWay
    ? `a file is in the way of the folder ${where}`
    : code !== undefined
      ? `${code} in ${where}`
      : String((error as Error).message ?? error);
  return diag(
    "CACHE_NOT_SAVED",
    `the build cache could not be saved (${why}): ${outDir}/ is complete, but the next build compiles every resource again`,
    {},
    {
      hint: inTheWay
        ? `remove the file in the way (${where} must be a folder) and build again`
        : "free disk space or fix the folder's permissions, and build again",
    },
  );
}
