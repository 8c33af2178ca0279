/**
 * The build cache: when nothing a build read has changed and out/ still holds what that build
 * wrote, the next build is a no-op that reports the same diagnostics without compiling.
 *
 * It works like git's index and ninja's deps log rather than like a key-value store: the record
 * lists every input the last successful build read (manifest listings, files, files it looked
 * for and did not find) with their size, mtime and content hash, and every file it owns in
 * out/ with its size and mtime. A lookup re-lists and re-stats them; an input whose stat
 * differs is re-read and re-hashed, so a touched but unchanged file is still a hit. Inputs
 * modified within the timestamp granularity of their read are "racy" (as in git): their stat
 * proves nothing, so they are always re-hashed until they are old enough to be trusted.
 *
 * The record is keyed by the compiler's identity, the effective configuration and the
 * selected clusters, carries its own checksum, and is never trusted when anything about it is
 * off: a corrupt, stale or foreign record is a miss, never an error. It lives in
 * `out/.stackyard/cache/`, with a `.gitignore`, because its stats are machine-specific.
 */
import { randomBytes } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync, statSync, type Stats } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { StackyardConfig } from "../config/types.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diskRepoFs, type RepoFs } from "../discover/repo-fs.js";
import { startCalls } from "../emit/fs/parallel-calls.js";
import { withSep } from "../emit/fs/with-sep.js";
import { INDEX_PATH, parseIndex, sha256 } from "../emit/ownership-index.js";
import { diagnosticsUnder } from "./diagnostics-under.js";
import type { LineagePart } from "./lineage.js";
import { UnitTable, type StoredUnitTable } from "./unit-table.js";
import type { BuildUnits } from "./units.js";

/** The cache folder, relative to the out dir. */
export const CACHE_DIR = ".stackyard/cache";
const RECORD_FILE = "build.json";
/**
 * Every file the build owns in out/, with its stat: read to verify out/ (not by validate).
 * Stored as columns (StoredOutputs), which parse in half the time of 80,000 small arrays.
 */
const OUTPUTS_FILE = "outputs.json";
/** The per-file summaries of the build (see units.ts), read only by an incremental build. */
const UNITS_FILE = "units.json";
/** The units' lineage parts, read only by an incremental build whose edit changed some lineage. */
const LINEAGE_FILE = "lineage-parts.json";
/** Bumped whenever the record's shape or meaning changes; other formats are misses. */
const RECORD_FORMAT = 9;
/** Timestamps closer than this to the moment a file was read do not prove it unchanged. */
const RACY_WINDOW_MS = 2000;

/** What a cached build depends on besides the files it read. */
export interface CacheKey {
  /** The compiler's identity: version plus a digest of its code and built-in stacks. */
  compilerId: string;
  config: StackyardConfig;
  onlyClusters?: readonly string[];
}

/** What a no-op build reports: the last build's diagnostics and figures, out/ untouched. */
export interface CachedBuild {
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  stats: { resources: number; objects: number; files: number };
  write: { written: number; unchanged: number; pruned: number };
  /**
   * Files at the top of out/ that the build does not own, named like manifests (see
   * topLevelCandidates); only when out/'s files were verified (a build, not validate).
   */
  candidates?: string[];
}

/**
 * An input as the build saw it: size and mtime just before the read, and what was learned —
 * the hash of its text, `EXISTS` when only its existence was tested, null when it was absent.
 */
export type InputEntry = [
  path: string,
  size: number,
  mtimeMs: number,
  sha256: string | null,
  racy: 0 | 1,
];
const EXISTS = "exists";
/** A file in out/ after the write. */
export type OutputEntry = [path: string, size: number, mtimeMs: number];
/** outputs.json: the OutputEntry list as columns, the paths joined by NUL (no path has one). */
interface StoredOutputs {
  paths: string;
  sizes: number[];
  mtimes: number[];
}
export type Listing = { roots: string[]; exclude: string[]; files: string[] };

export interface CacheRecord {
  format: number;
  key: string;
  listings: Listing[];
  inputs: InputEntry[];
  /** The checksum of outputs.json, and the ownership index's own entry (validate needs no more). */
  outputs: string;
  index: OutputEntry;
  /**
   * The sha256 of the ownership index's bytes: when out/'s stats differ (a checkout rewrote
   * it), the index vouches for every owned file's content, and this for the index.
   */
  indexSha: string;
  /** How many files the build owns in out/ (the index included). */
  outputCount: number;
  diagnostics: Diagnostic[];
  sources: Array<[string, string]>;
  stats: CachedBuild["stats"];
  /** The checksum of units.json, when the build saved its units. */
  units: string | null;
}

/**
 * A record whose build is out of date: what changed since (repository-relative paths). An
 * incremental build starts from here; anything it cannot handle is a full build.
 */
export interface StaleBuild {
  record: CacheRecord;
  outDir: string;
  /** Inputs whose content or existence differs from what the build saw. */
  changed: string[];
  /** Manifest files listed now and not then, and the other way round. */
  added: string[];
  removed: string[];
  /** The files the build owns in out/, as stat'd after its write; absent for `outputs: index`. */
  outputs?: OutputEntry[];
  /** The manifest listings as they are now (the lookup had to make them). */
  listings: Listing[];
}

/** A RepoFs that remembers everything the compiler read through it, for the cache record. */
export interface RecordingRepoFs extends RepoFs {
  inputs(): RecordedInputs;
}

/** What a build read: its listings and its input files. */
export interface RecordedInputs {
  listings: Listing[];
  inputs: InputEntry[];
}

/** Wraps the work tree's RepoFs so that every listing, read and existence test is recorded. */
export function recordingRepoFs(root: string, inner: RepoFs = diskRepoFs(root)): RecordingRepoFs {
  const listings = new Map<string, Listing>();
  const inputs = new Map<string, InputEntry>();
  const note = (rel: string, learned: string | null, before: number, st: Stats | undefined) => {
    const known = inputs.get(rel);
    // A read tells more than an existence test: it replaces one, and is never replaced.
    if (known !== undefined && !(known[3] === EXISTS && learned !== EXISTS && learned !== null))
      return;
    const racy = st === undefined || st.mtimeMs >= before - RACY_WINDOW_MS ? 1 : 0;
    inputs.set(rel, [rel, st?.size ?? -1, st?.mtimeMs ?? -1, learned, racy]);
  };
  // The stat comes before the read: a change in between shows as a different stat next time.
  const statNow = (rel: string) => ({ before: Date.now(), st: statOf(path.resolve(root, rel)) });
  return {
    async listManifests(roots, exclude) {
      const files = await inner.listManifests(roots, exclude);
      const key = JSON.stringify([roots, exclude]);
      if (!listings.has(key))
        listings.set(key, { roots: [...roots], exclude: [...exclude], files });
      return files;
    },
    async read(rel, maxBytes) {
      const { before, st } = statNow(rel);
      const result = await inner.read(rel, maxBytes);
      note(rel, result.ok ? sha256(result.text) : null, before, st);
      return result;
    },
    async exists(rel) {
      const { before, st } = statNow(rel);
      const found = await inner.exists(rel);
      note(rel, found ? EXISTS : null, before, st);
      return found;
    },
    inputs: () => ({ listings: [...listings.values()], inputs: [...inputs.values()] }),
  };
}

/** The result of a successful build, to be recorded after out/ was written. */
export interface BuildToRecord {
  key: CacheKey;
  inputs: RecordedInputs;
  /**
   * Every file the build owns in out/ (paths relative to the out dir): a path is stat'd now,
   * an entry is what a stat of an untouched file said before.
   */
  outputs: ReadonlyArray<string | OutputEntry>;
  diagnostics: readonly Diagnostic[];
  sources: ReadonlyMap<string, string>;
  stats: CachedBuild["stats"];
  units?: BuildUnits;
}

/** Removes the record before out/ changes, so a crash mid-write can never leave it trusted. */
export async function dropBuildRecord(outDir: string): Promise<void> {
  try {
    await rm(path.join(outDir, CACHE_DIR, RECORD_FILE), { force: true });
  } catch (error) {
    // A file where a folder of the path should be: no record can be there. The write that
    // follows reports what is in its way (OUTPUT_CONFLICT).
    if ((error as NodeJS.ErrnoException).code !== "ENOTDIR") throw error;
  }
}

/** Records a successful build whose files are now in `outDir`. Call while holding the lock. */
export async function saveBuildRecord(outDir: string, build: BuildToRecord): Promise<void> {
  // The files written are stat'd now, on two threads for long lists (a cold build at 10,000
  // resources wrote 80,000: 0.26 s on one).
  const all = [...build.outputs, INDEX_PATH];
  const written = all.filter((o): o is string => typeof o === "string");
  const found = new Float64Array(new SharedArrayBuffer(16 * written.length));
  const stats = await startCalls({
    kind: "stat",
    base: withSep(outDir),
    paths: written,
    found,
  }).finish();
  if (!stats.ok) throw new Error(stats.differs ? "a stat differs" : stats.error.message);
  const outputs: OutputEntry[] = [];
  let k = 0;
  for (const out of all) {
    if (typeof out !== "string") outputs.push(out);
    else {
      outputs.push([out, found[2 * k]!, found[2 * k + 1]!]);
      k++;
    }
  }
  // The other files are written first: the record names their checksums, so it never vouches
  // for files of another build.
  const units = build.units === undefined ? null : await writeUnits(outDir, build.units);
  const outputsSum = await writeChecked(
    outDir,
    OUTPUTS_FILE,
    storedOutputs({
      paths: outputs.map((o) => o[0]),
      sizes: outputs.map((o) => o[1]),
      mtimes: outputs.map((o) => o[2]),
    }),
  );
  // Only the sources the diagnostics quote are kept: they are what a no-op build prints.
  const quoted = new Set(
    build.diagnostics.flatMap((d) => [d.file, ...(d.related ?? []).map((r) => r.file)]),
  );
  const record: CacheRecord = {
    format: RECORD_FORMAT,
    key: keyDigest(build.key),
    ...build.inputs,
    outputs: outputsSum,
    index: outputs[outputs.length - 1]!,
    indexSha: sha256(await readFile(path.join(outDir, INDEX_PATH))),
    outputCount: outputs.length,
    diagnostics: [...build.diagnostics],
    sources: [...build.sources].filter(([file]) => quoted.has(file)),
    stats: build.stats,
    units,
  };
  await writeRecord(outDir, record);
}

/**
 * units.json: the table (see unit-table.ts) and what is not per unit; it names the lineage
 * file's checksum. The units' lineage parts are read only when an edit changed some lineage
 * (see withLineageParts).
 */
type StoredUnits = Omit<BuildUnits, "units" | "lineage" | "storedLineage"> & {
  units: StoredUnitTable;
  lineageParts: string;
};

async function writeUnits(outDir: string, units: BuildUnits): Promise<string> {
  const { units: table, lineage, storedLineage, ...rest } = units;
  // Units whose lineage was not read have the lineage the file already holds.
  const lineageParts = storedLineage ?? (await writeChecked(outDir, LINEAGE_FILE, lineage));
  const stored: StoredUnits = { ...rest, units: table.pack(), lineageParts };
  return writeChecked(outDir, UNITS_FILE, stored);
}

/**
 * The units of a stale build's record, without their lineage parts (`storedLineage` names
 * them), or undefined when they are missing or not its own.
 */
export async function readUnits(stale: StaleBuild): Promise<BuildUnits | undefined> {
  if (stale.record.units === null) return undefined;
  const read = await readChecked(stale.outDir, UNITS_FILE);
  if (read?.sha !== stale.record.units) return undefined;
  const { lineageParts, units: stored, ...rest } = read.value as StoredUnits;
  const table = UnitTable.unpack(stored);
  if (table === undefined) return undefined;
  return { ...rest, units: table, lineage: {}, storedLineage: lineageParts };
}

/** Units read by readUnits with their lineage parts, or undefined when those are not theirs. */
export async function withLineageParts(
  outDir: string,
  units: BuildUnits,
): Promise<BuildUnits | undefined> {
  if (units.storedLineage === undefined) return units;
  const parts = await readChecked(outDir, LINEAGE_FILE);
  if (parts?.sha !== units.storedLineage) return undefined;
  const { storedLineage, ...rest } = units;
  return { ...rest, lineage: parts.value as Record<string, LineagePart[]> };
}

/**
 * The last build's outcome when nothing it depends on has changed, else undefined. Never
 * throws for a bad record or a changed tree: every doubt is a miss.
 */
export async function lookupBuild(
  root: string,
  key: CacheKey,
  fs: RepoFs = diskRepoFs(root),
): Promise<CachedBuild | undefined> {
  const found = await examineBuild(root, key, { fs });
  return found !== undefined && "hit" in found ? found.hit : undefined;
}

/**
 * The last build's outcome when nothing it depends on has changed (`hit`); when only inputs
 * changed and out/ still holds what it wrote, what changed (`stale`); else undefined.
 */
export async function examineBuild(
  root: string,
  key: CacheKey,
  options: {
    /**
     * `index`: only the ownership index must be as written, for a caller that reads nothing
     * else of out/ (validate: diagnostics depend on the inputs alone).
     */
    outputs?: "all" | "index";
    fs?: RepoFs;
  } = {},
): Promise<{ hit: CachedBuild } | { stale: StaleBuild } | undefined> {
  const fs = options.fs ?? diskRepoFs(root);
  const outDir = path.resolve(root, key.config.outDir);
  // A build in progress, or one that crashed mid-swap, leaves out/ in flux: compile.
  if (existsSync(`${outDir}.lock`)) return undefined;
  const record = await readRecord(outDir);
  if (record === undefined || record.key !== keyDigest(key)) return undefined;
  // A build needs every file it owns in out/ as written; validate only the ownership index.
  let outputs: OutputStats | undefined;
  if (options.outputs !== "index") {
    const read = await readChecked(outDir, OUTPUTS_FILE);
    outputs = read?.sha === record.outputs ? outputStats(read.value) : undefined;
    if (outputs === undefined) return undefined;
  }
  const [indexPath, size, mtime] = record.index;
  const verified = outputs ?? { paths: [indexPath], sizes: [size], mtimes: [mtime] };
  // out/ is verified by an lstat of each file, with the size and mtime recorded; a worker
  // thread starts on it while this one examines the inputs (see parallel-calls.ts).
  const check = startCalls({ kind: "same-stat", base: withSep(outDir), ...verified });
  const examined = await examineInputs(
    withSep(root),
    record,
    fs,
    key.config.limits.maxFileBytes,
  ).catch(async (error: unknown) => {
    await check.cancel();
    throw error;
  });
  let fresh: OutputStats | undefined;
  if (!(await check.finish()).ok) {
    fresh = await verifyByContent(outDir, record, verified);
    if (fresh === undefined) return undefined;
  }
  const { changed, added, removed, listings } = examined;
  // Entries whose racy flag time has cleared are recorded so, stale or not: the inputs of a
  // build run right after a checkout are all racy, and each lookup would re-read them all.
  let next: CacheRecord = { ...record, inputs: examined.inputs };
  let known = outputs;
  if (fresh !== undefined) {
    // The stats out/ has now are recorded, but for files too recent to vouch for their bytes.
    known = withoutRecent(fresh, Date.now());
    next = { ...next, index: indexEntry(known, indexPath) };
  }
  if (examined.settled || fresh !== undefined) {
    const save = async () => {
      if (fresh !== undefined && known !== undefined && outputs !== undefined)
        next = { ...next, outputs: await writeChecked(outDir, OUTPUTS_FILE, storedOutputs(known)) };
      await writeRecord(outDir, next);
    };
    // A record that cannot be saved (a full disk…) stays as it was: the next lookup redoes this.
    await save().catch(() => {});
  }
  if (changed.length > 0 || added.length > 0 || removed.length > 0) {
    // The index's stat as it is: the build checks it is still the index on disk.
    const index = fresh === undefined ? next.index : indexEntry(fresh, indexPath);
    const stale: StaleBuild = {
      record: { ...next, index },
      outDir,
      changed,
      added,
      removed,
      listings,
    };
    if (known === undefined) return { stale };
    const { paths, sizes, mtimes } = known;
    return { stale: { ...stale, outputs: paths.map((p, i) => [p, sizes[i]!, mtimes[i]!]) } };
  }
  const candidates = outputs === undefined ? [] : topLevelCandidates(outDir, outputs.paths);
  return {
    hit: {
      diagnostics: record.diagnostics,
      sources: new Map(record.sources),
      stats: record.stats,
      write: { written: 0, unchanged: record.outputCount, pruned: 0 },
      ...(candidates.length === 0 ? {} : { candidates }),
    },
  };
}

/**
 * The files at the top of outDir that are not among `owned` (paths relative to outDir) and are
 * named like manifests: the candidates a build that does not list out/ looks at
 * for a stackyard manifest there (see stray-manifests.ts).
 */
export function topLevelCandidates(outDir: string, owned: readonly string[]): string[] {
  let names: string[];
  try {
    names = readdirSync(outDir, { withFileTypes: true })
      .filter((d) => d.isFile() && /\.ya?ml$/.test(d.name) && !d.name.startsWith("."))
      .map((d) => d.name);
  } catch {
    return [];
  }
  // A few names (kustomization.yaml, most often) looked up in 80,000 paths: a scan each, a
  // tenth of a millisecond, where a set of the paths would take tens.
  return names.filter((n) => !owned.includes(n));
}

/**
 * Whether a file among `paths` (repository-relative) was modified after the last build's
 * record was written: a hint that the record is stale, taken from a few stats and no reading.
 */
export function editedSinceRecord(
  root: string,
  outDir: string,
  paths: readonly string[] | undefined,
): boolean {
  if (paths === undefined || paths.length === 0) return false;
  const record = statOf(path.resolve(root, outDir, CACHE_DIR, RECORD_FILE));
  if (record === undefined) return false;
  return paths.some((p) => {
    const st = statOf(path.resolve(root, p));
    return st !== undefined && st.isFile() && st.mtimeMs > record.mtimeMs;
  });
}

/**
 * `validate PATH…` and `check` of an unchanged repository: the recorded build's diagnostics
 * (under the paths), since compiling again would report exactly those.
 */
export async function lookupDiagnostics(
  root: string,
  key: CacheKey,
  paths?: readonly string[],
): Promise<Omit<CachedBuild, "write"> | undefined> {
  const hit = await lookupBuild(root, key);
  return hit === undefined ? undefined : diagnosticsOf(hit, paths);
}

/** A cached build's outcome as `validate PATH…` reports it. */
export function diagnosticsOf(
  hit: CachedBuild,
  paths?: readonly string[],
): Omit<CachedBuild, "write"> {
  return {
    diagnostics: diagnosticsUnder(hit.diagnostics, paths),
    sources: hit.sources,
    stats: hit.stats,
  };
}

/**
 * Compares the inputs with the record: listings file by file, every file's content (or
 * absence). Returns what differs, and the entries with racy flags cleared where time has
 * settled them.
 */
async function examineInputs(
  /** The repository root, ending in a separator. */
  root: string,
  record: CacheRecord,
  fs: RepoFs,
  maxBytes: number,
): Promise<{
  inputs: InputEntry[];
  settled: boolean;
  changed: string[];
  added: string[];
  removed: string[];
  listings: Listing[];
}> {
  const added = new Set<string>();
  const removed = new Set<string>();
  const listings: Listing[] = [];
  for (const listing of record.listings) {
    const now = await fs.listManifests(listing.roots, listing.exclude);
    listings.push({ roots: listing.roots, exclude: listing.exclude, files: now });
    if (sameList(now, listing.files)) continue;
    const before = new Set(listing.files);
    const after = new Set(now);
    for (const f of now) if (!before.has(f)) added.add(f);
    for (const f of listing.files) if (!after.has(f)) removed.add(f);
  }
  const inputs: InputEntry[] = [];
  const changed: string[] = [];
  let settled = false;
  const checkedAt = Date.now();
  for (const entry of record.inputs) {
    const [rel, size, mtimeMs, learned, racy] = entry;
    const st = statOf(root + rel);
    if (st === undefined || learned === null || learned === EXISTS) {
      // Absent must stay absent; a file only tested for existence must still exist.
      if ((st === undefined) !== (learned === null)) changed.push(rel);
      inputs.push(entry);
      continue;
    }
    if (racy === 0 && st.size === size && st.mtimeMs === mtimeMs) {
      inputs.push(entry);
      continue;
    }
    const read = await fs.read(rel, maxBytes);
    if (!read.ok || sha256(read.text) !== learned) {
      changed.push(rel);
      inputs.push(entry);
      continue;
    }
    const stillRacy = st.mtimeMs >= checkedAt - RACY_WINDOW_MS ? 1 : 0;
    if (stillRacy === 0) settled = true;
    inputs.push([rel, st.size, st.mtimeMs, learned, stillRacy]);
  }
  return {
    inputs,
    settled,
    changed,
    added: [...added].sort(),
    removed: [...removed].sort(),
    listings,
  };
}

/** Files in out/ as the build left them: paths relative to out/, sizes and mtimes. */
interface OutputStats {
  paths: string[];
  sizes: number[];
  mtimes: number[];
}

function storedOutputs({ paths, sizes, mtimes }: OutputStats): StoredOutputs {
  return { paths: paths.join("\0"), sizes, mtimes };
}

/**
 * out/ verified by its content, when its stats differ from the record's (a checkout, a copy or
 * a CI cache restore rewrote the files): the index must have the bytes recorded, and every
 * other file the bytes the index names (on two threads, see parallel-calls.ts). Returns the
 * stats the files have now; undefined when anything differs.
 */
async function verifyByContent(
  outDir: string,
  record: CacheRecord,
  verified: OutputStats,
): Promise<OutputStats | undefined> {
  const base = withSep(outDir);
  let index;
  let indexStat;
  try {
    // Stat before reading: a write in between leaves a stat that no longer matches.
    indexStat = lstatSync(base + INDEX_PATH);
    const bytes = readFileSync(base + INDEX_PATH);
    if (!indexStat.isFile() || sha256(bytes) !== record.indexSha) return undefined;
    index = parseIndex(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof index === "string") return undefined;
  const shaOf = new Map(index.files.map((e) => [e.path, e.sha256]));
  const files: OutputStats = { paths: [], sizes: [], mtimes: [] };
  const shas: string[] = [];
  for (let i = 0; i < verified.paths.length; i++) {
    const p = verified.paths[i]!;
    if (p === INDEX_PATH) continue;
    const sha = shaOf.get(p);
    if (sha === undefined) return undefined;
    files.paths.push(p);
    files.sizes.push(verified.sizes[i]!);
    files.mtimes.push(verified.mtimes[i]!);
    shas.push(sha);
  }
  const found = new Float64Array(new SharedArrayBuffer(16 * files.paths.length));
  const calls = startCalls({ kind: "same-content", base, ...files, shas: shas.join(""), found });
  if (!(await calls.finish()).ok) return undefined;
  // The files are the verified paths in order, the index left out.
  const fresh: OutputStats = { paths: verified.paths, sizes: [], mtimes: [] };
  let i = 0;
  for (const p of verified.paths) {
    const isIndex = p === INDEX_PATH;
    fresh.sizes.push(isIndex ? indexStat.size : found[2 * i]!);
    fresh.mtimes.push(isIndex ? indexStat.mtimeMs : found[2 * i + 1]!);
    if (!isIndex) i++;
  }
  return fresh;
}

/**
 * Stats to record for files verified by content: an mtime too recent to prove that a later
 * write would change it (as for racy inputs) is recorded as -1, which no stat matches.
 */
function withoutRecent(stats: OutputStats, now: number): OutputStats {
  const mtimes = stats.mtimes.map((m) => (m >= now - RACY_WINDOW_MS ? -1 : m));
  return { ...stats, mtimes };
}

function indexEntry(stats: OutputStats, indexPath: string): OutputEntry {
  const at = stats.paths.lastIndexOf(indexPath);
  return [indexPath, stats.sizes[at]!, stats.mtimes[at]!];
}

/** outputs.json's columns, or undefined when they do not have its shape. */
function outputStats(value: unknown): OutputStats | undefined {
  const v = value as Partial<StoredOutputs> | null;
  if (typeof v !== "object" || v === null || typeof v.paths !== "string") return undefined;
  const paths = v.paths === "" ? [] : v.paths.split("\0");
  const { sizes, mtimes } = v;
  const column = (c: unknown): c is number[] => Array.isArray(c) && c.length === paths.length;
  return column(sizes) && column(mtimes) ? { paths, sizes, mtimes } : undefined;
}

async function readRecord(outDir: string): Promise<CacheRecord | undefined> {
  const read = await readChecked(outDir, RECORD_FILE);
  const record = read?.value as CacheRecord | undefined;
  return record !== undefined && isRecordShape(record) ? record : undefined;
}

/** The checksum proves the bytes; this proves the shape a checksummed file must have. */
function isRecordShape(r: CacheRecord): boolean {
  return (
    typeof r === "object" &&
    r !== null &&
    r.format === RECORD_FORMAT &&
    typeof r.key === "string" &&
    [r.listings, r.inputs, r.diagnostics, r.sources, r.index].every(Array.isArray) &&
    typeof r.outputs === "string" &&
    typeof r.indexSha === "string" &&
    typeof r.outputCount === "number" &&
    typeof r.stats === "object" &&
    (r.units === null || typeof r.units === "string")
  );
}

/** Written to a temporary name and renamed, so a reader sees the old record or the new one. */
async function writeRecord(outDir: string, record: CacheRecord): Promise<void> {
  await writeChecked(outDir, RECORD_FILE, record);
}

/**
 * Writes `<sha256 of the JSON>\n<JSON>` to a file of the cache folder, atomically; returns the
 * checksum.
 */
export async function writeChecked(outDir: string, file: string, value: unknown): Promise<string> {
  const dir = path.join(outDir, CACHE_DIR);
  await mkdir(dir, { recursive: true });
  const ignore = path.join(dir, ".gitignore");
  if (!existsSync(ignore))
    await writeFile(ignore, "# stackyard's build cache: machine-specific\n*\n");
  const body = JSON.stringify(value);
  const sum = sha256(body);
  const temp = path.join(dir, `${file}.${randomBytes(6).toString("hex")}.tmp`);
  await writeFile(temp, `${sum}\n${body}`);
  await rename(temp, path.join(dir, file));
  return sum;
}

/** A file written by writeChecked, when its checksum holds; else undefined. */
export async function readChecked(
  outDir: string,
  file: string,
): Promise<{ sha: string; value: unknown } | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(outDir, CACHE_DIR, file), "utf8");
  } catch {
    return undefined;
  }
  const newline = text.indexOf("\n");
  const body = text.slice(newline + 1);
  const sha = text.slice(0, 64);
  if (newline !== 64 || sha !== sha256(body)) return undefined;
  try {
    return { sha, value: JSON.parse(body) as unknown };
  } catch {
    return undefined;
  }
}

function keyDigest(key: CacheKey): string {
  return sha256(
    JSON.stringify({
      format: RECORD_FORMAT,
      compilerId: key.compilerId,
      // Where stackyard.yaml sets outDir is for a diagnostic no recorded build has: a comment
      // above it leaves the build's record as good as it was.
      config: { ...key.config, outDirAt: undefined },
      onlyClusters: key.onlyClusters ?? null,
    }),
  );
}

/** Two lists with the same items in the same order. */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A file's stat, following symlinks as reads do; undefined when there is none. */
function statOf(abs: string): Stats | undefined {
  try {
    return statSync(abs, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
