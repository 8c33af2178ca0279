/**
 * The incremental build: when only units changed since the last build (manifest files of
 * Workflows, Workers and Services edited, added or removed), a stack file, or a file their
 * workflows include (`dag[].file`), compile those units (and the users of that stack, the
 * includers of that file) against the context files, and merge the result with what the last
 * build wrote. See units.ts for what a unit is.
 *
 * The contract is strict: out/, the diagnostics and the summary figures must be exactly what a
 * full build of the same inputs gives. Where that cannot be shown cheaply, the answer is
 * `undefined` and the caller runs a full build:
 *   - a changed file that is neither a unit, nor a stack file, nor a file units' workflows
 *     include (a compute, a depot, a secret, a `configs:` file…), or repositories with
 *     `clusters:`; a new file when workflows include files; includes in context files;
 *   - a recompiled unit that includes other files than before (`dag[].file`), or diagnostics in
 *     a file both a recompiled unit and another unit include;
 *   - a stack file that defines other stacks than before, or holds more than stacks;
 *   - diagnostics of the edit outside the recompiled units and the context; context files'
 *     diagnostics other than the last build's; from the last build, diagnostics tied to a
 *     recompiled file, or other units' beside new errors;
 *   - a recompiled resource whose name or output path another resource already has, or an
 *     object of one named like another unit's (kind, namespace and name);
 *   - an edit that changes a run-wide object: a workspace's Namespace (a new workspace, or
 *     other pod-security profiles asked of it) or the workspaces an instance secret is in.
 */
import { lstatSync } from "node:fs";
import path from "node:path";
import { hasErrors, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { INDEX_PATH, readIndex } from "../emit/index.js";
import { sha256 } from "../emit/ownership-index.js";
import { foldersOf } from "../emit/fs/compare-tree.js";
import { KUSTOMIZATION_FILE, kustomizationFiles } from "../emit/layout/kustomizations.js";
import type { IndexEntry, ObjectSource, OutputFile } from "../emit/types.js";
import type { RepoFs } from "../discover/repo-fs.js";
import {
  readUnits,
  withLineageParts,
  recordingRepoFs,
  sameList,
  type InputEntry,
  type Listing,
  type OutputEntry,
  type RecordedInputs,
  type StaleBuild,
} from "./build-cache.js";
import { compileRepo, type CompiledRepo } from "./compile-repo.js";
import { diagnosticsUnder } from "./diagnostics-under.js";
import { commitBuild, type BuildResult } from "./commit-build.js";
import type { CompileResult, RepoRequest } from "./index.js";
import type { LineagePart } from "./lineage.js";
import { lineageFilesExcept } from "./lineage-files.js";
import { duplicateKey } from "./load-repo.js";
import { textReader } from "./text-reader.js";
import {
  asksOf,
  identityHash,
  includedBy,
  isBuiltinStack,
  stackKeysOf,
  type BuildUnits,
} from "./units.js";
import type { UnitSummary } from "./unit-table.js";

/** Builds only what changed since a stale record; undefined when a full build is needed. */
export async function buildIncremental(
  req: RepoRequest,
  stale: StaleBuild,
): Promise<BuildResult | undefined> {
  // The outputs' stats are what the new record starts from (examineBuild reads them for a build).
  if (stale.outputs === undefined) return undefined;
  const pass = await compileIncremental(req, stale);
  if (pass === undefined) return undefined;
  const recompiled = { incremental: { recompiled: pass.plan.recompiled } };
  if (pass.merge === undefined) return { ...pass.result, ...recompiled };
  // Every unit's lineage parts are read only when the edit changed some lineage.
  const same = lineageSame(pass.plan, pass.merge.newDigests);
  const units = same ? pass.plan.units : await withLineageParts(stale.outDir, pass.plan.units);
  if (units === undefined) return undefined;
  const outDir = path.resolve(req.root, req.config.outDir);
  const { index, warnings } = await readIndex(outDir);
  if (index === undefined || warnings.length > 0) return undefined;
  const merged = mergeOutputs({ ...pass.plan, units }, pass.merge, index.files, same);
  if (merged === undefined) return undefined;
  const built = { ...pass.result, stats: { ...pass.result.stats, ...merged.counts } };
  const { recorder, removed } = pass.plan;
  const outputsBefore = new Map(stale.outputs.map((o) => [o[0], o]));
  const indexBefore = stale.record.index;
  const committed = await commitBuild(req, built, async () => {
    // Another build may have written out/ since it was examined: then nothing here holds.
    const st = lstatSync(path.join(outDir, INDEX_PATH), { throwIfNoEntry: false });
    if (st === undefined || st.size !== indexBefore[1] || st.mtimeMs !== indexBefore[2])
      return undefined;
    return {
      files: merged.write,
      kept: merged.kept,
      // Read before the lock; the stat above shows it is still the index on disk.
      previous: index,
      record: (_files, written) => {
        const rewritten = new Set(written);
        const outputs: Array<string | OutputEntry> = merged.write.map((f) => f.path);
        for (const e of merged.kept)
          outputs.push(rewritten.has(e.path) ? e.path : (outputsBefore.get(e.path) ?? e.path));
        return {
          inputs: mergeInputs(stale, recorder.inputs(), removed),
          outputs,
          units: merged.units,
        };
      },
    };
  });
  return committed === undefined ? undefined : { ...committed, ...recompiled };
}

/**
 * `validate` when the record is stale: the diagnostics of compiling only what changed, when
 * they are what a full compile would report; else undefined.
 */
export async function validateIncremental(
  req: RepoRequest,
  stale: StaleBuild,
): Promise<CompileResult | undefined> {
  const pass = await compileIncremental(req, stale);
  if (pass === undefined) return undefined;
  if (pass.merge !== undefined) {
    // Two resources writing one path is an error a build reports. Each resource writes into
    // folders of its own, so a folder another resource has is where that could happen.
    const { units, touched } = pass.plan;
    const mine = new Set(pass.merge.newUnits.flatMap((u) => u.folders));
    if (takenByOthers(mine, units, "folders", touched)) return undefined;
  }
  return { ...pass.result, diagnostics: diagnosticsUnder(pass.result.diagnostics, req.paths) };
}

/** What a compile of the changed units leaves for the merge with the last build's outputs. */
interface MergeInput {
  compiled: CompiledRepo;
  /** The targets as compiled now, and the lineage parts and digests of those that have some. */
  newUnits: UnitSummary[];
  newLineage: Record<string, LineagePart[]>;
  newDigests: Record<string, string>;
  owners: Map<string, string>;
  asks: Record<string, number>;
}

/**
 * Compiles the targets against the context. `merge` is absent when there are errors (the
 * result is then final); the whole is undefined when a full compile is needed.
 */
async function compileIncremental(
  req: RepoRequest,
  stale: StaleBuild,
): Promise<{ plan: IncrementalPlan; result: CompileResult; merge?: MergeInput } | undefined> {
  const plan = await planIncremental(req, stale);
  if (plan === undefined) return undefined;
  const { units, targets, recorder, touchedIncludes } = plan;
  // The targets' included files that are manifests are listed too: a full build resolves a
  // `dag[].file` to a listed file first.
  const listedIncludes = units.included.filter((f) => touchedIncludes.has(f));
  const listed = new Set([...plan.contextFiles, ...targets, ...listedIncludes]);
  const fs = onlyFiles(recorder, (f) => listed.has(f), stale.listings);
  const compiled = await compileRepo(
    fs,
    req.config,
    textReader(fs, req.config.limits.maxFileBytes),
  );
  // Each target must include what it did (a new file has none): another include could resolve
  // differently beside all the files, or turn a unit into a part of a workflow.
  const includesNow = compiled.includes ?? {};
  const includedBefore = new Map(plan.oldTargets.map((u) => [u.file, u.includes]));
  for (const file of targets) {
    const before = includedBefore.get(file) ?? [];
    if (!sameList(includedBy(file, includesNow), before)) return undefined;
  }
  // An object of a recompiled unit named like one of another unit or of the context: a full
  // build reports the clash (identityClashes), whatever else the edit brings.
  if (compiled.identities !== undefined) {
    const targetIds = new Set(
      (compiled.resources ?? [])
        .filter((r) => !isBuiltinStack(r) && targets.has(r.origin.source.file))
        .map((r) => r.id),
    );
    const mine = new Set(
      compiled.identities.filter(([, id]) => targetIds.has(id)).map(([k]) => identityHash(k)),
    );
    if (takenByOthers(mine, units, "identities", plan.touched)) return undefined;
  }
  const compiledFiles = new Set([...targets, ...plan.contextFiles, ...touchedIncludes]);
  if (!compiled.diagnostics.every((d) => inFiles(d, compiledFiles))) return undefined;
  if (compiled.diagnostics.some((d) => inFiles(d, plan.sharedIncludes, "any"))) return undefined;
  const contextNow = compiled.diagnostics.filter((d) => inFiles(d, plan.contextFiles));
  if (!sameDiagnostics(contextNow, plan.contextDiagnostics)) return undefined;
  // Built-in stacks first: their origin is parsed only when asked for.
  const loaded = (compiled.resources ?? []).filter((r) => !isBuiltinStack(r));
  const newResources = loaded.filter((r) => targets.has(r.origin.source.file));
  const newKeys = newResources.map(duplicateKey);
  if (units.units.holdsAny("keys", newKeys, plan.touched)) return undefined;
  // A stack file may change its stacks' templates, not which stacks it defines: another
  // stack of a name would change what other units' `stack:` references resolve to.
  for (const file of plan.stacksChanged) {
    const now = loaded.filter((r) => r.origin.source.file === file);
    if (!sameList(stackKeysOf(now), units.stackKeys[file] ?? [])) return undefined;
  }
  // A full build with errors of the compiler's own runs no checks: the other units' warnings
  // of the checks would not be there. (Kept simple: any error means a full build here.)
  if (hasErrors(compiled.diagnostics) && plan.keptDiagnostics.length > 0) return undefined;
  const result = {
    // Sorted, as a full build's are (see compileRepo).
    diagnostics: sortDiagnostics([...plan.keptDiagnostics, ...compiled.diagnostics]),
    sources: new Map([...stale.record.sources, ...compiled.sources]),
    stats: {
      // The context's resources are counted by the compile; the other units' are recorded.
      resources: compiled.stats.resources + units.units.count("ids", plan.touched),
      objects: 0,
      files: 0,
    },
  };
  // With errors, the compile reported the targets' objects that share an out/ file too (see
  // compileRepo): with another unit's they cannot, as each resource has out/ folders of its own
  // (two resources with one are duplicates, a full build above).
  if (hasErrors(compiled.diagnostics)) return { plan, result };
  const now = compiled.units;
  if (now === undefined || !sameList(now.included, listedIncludes)) return undefined;
  if (now.contextIncludes.length > 0) return undefined;
  // The context is what it was: the same files, the stack files holding only stacks.
  if (!sameList(now.context, units.context) || !sameList(now.stackFiles, units.stackFiles))
    return undefined;
  const newUnits: UnitSummary[] = [];
  const newLineage: Record<string, LineagePart[]> = {};
  const newDigests: Record<string, string> = {};
  now.units.files.forEach((file, i) => {
    if (!targets.has(file)) return;
    newUnits.push(now.units.unit(i));
    const parts = now.lineage[file];
    const digest = now.lineageDigests[file];
    if (parts !== undefined && digest !== undefined) {
      newLineage[file] = parts;
      newDigests[file] = digest;
    }
  });
  // Every target must still be a unit: a new file holding a depot is context, a full build.
  if (newUnits.length !== targets.size) return undefined;
  const runWide = runWideObjects(units, plan.touched, plan.oldTargets, newUnits);
  if (runWide === undefined) return undefined;
  return { plan, result, merge: { compiled, newUnits, newLineage, newDigests, ...runWide } };
}

/**
 * The whole out/ tree of the build: the last build's files of the other units, kept; the
 * targets' files; the kustomizations and lineage (see derivedFiles). Undefined when two
 * resources claim one path (the full build reports it).
 */
function mergeOutputs(
  plan: IncrementalPlan,
  { compiled, newUnits, newLineage, newDigests, owners, asks }: MergeInput,
  previousFiles: readonly IndexEntry[],
  /** Whether the targets' lineage parts are what they were (see lineageSame). */
  lineageIsSame: boolean,
):
  | {
      write: OutputFile[];
      kept: IndexEntry[];
      units: BuildUnits;
      counts: { objects: number; files: number };
    }
  | undefined {
  const { units } = plan;
  const oldIds = new Set(plan.oldTargets.flatMap((u) => u.resources.map((r) => r.id)));
  const newIds = new Set(newUnits.flatMap((u) => u.resources.map((r) => r.id)));
  const namespacePaths = new Set(Object.values(units.namespaces).map((n) => n.path));
  const previous = new Map<string, IndexEntry>();
  for (const e of previousFiles) previous.set(e.path, e);
  const keptObjects = previousFiles.filter(
    (e) =>
      e.source !== undefined && !oldIds.has(e.source.resourceId) && !namespacePaths.has(e.path),
  );
  const newObjects = compiled.files.filter(
    (f) => f.source !== undefined && newIds.has(f.source.resourceId) && !namespacePaths.has(f.path),
  );
  // The Namespaces' bytes are as before; their entries name their owner's file and line.
  const ownerIds = new Set(owners.values());
  const sources = new Map<string, ObjectSource>();
  for (const list of [keptObjects, newObjects])
    for (const e of list)
      if (ownerIds.has(e.source!.resourceId)) sources.set(e.source!.resourceId, e.source!);
  for (const [ws, ns] of Object.entries(units.namespaces)) {
    const entry = previous.get(ns.path);
    const source = sources.get(owners.get(ws)!);
    if (entry === undefined || source === undefined) return undefined;
    keptObjects.push({ ...entry, source: indexSource(source) });
  }
  const keptPaths = new Set(keptObjects.map((e) => e.path));
  // Two resources on one path: the full build reports the conflict.
  if (newObjects.some((f) => keptPaths.has(f.path))) return undefined;
  const objectPaths = [...keptPaths, ...newObjects.map((f) => f.path)];
  const write: OutputFile[] = [];
  const kept: IndexEntry[] = [...keptObjects];
  const derived = derivedFiles(
    plan,
    lineageIsSame ? undefined : newLineage,
    previousFiles,
    previous,
    objectPaths,
  );
  if (derived === undefined) return undefined;
  write.push(...derived.write);
  kept.push(...derived.kept);
  // A file whose bytes the previous index already has is kept, never read or written.
  for (const file of newObjects) {
    const sha = sha256(file.content);
    if (previous.get(file.path)?.sha256 !== sha) write.push(file);
    else kept.push(entryOf(file, sha));
  }
  const table = units.units.replace(plan.touched, newUnits);
  if (table === undefined) return undefined;
  // The same lineage is kept as it is stored (units.storedLineage), without being read.
  const lineage: Record<string, LineagePart[]> = {};
  const lineageDigests: Record<string, string> = {};
  const remade = new Set([...plan.targets, ...plan.removed]);
  for (const f of table.files) {
    const digest = remade.has(f) ? newDigests[f] : units.lineageDigests[f];
    if (digest === undefined) continue;
    lineageDigests[f] = digest;
    if (lineageIsSame) continue;
    const parts = remade.has(f) ? newLineage[f] : units.lineage[f];
    if (parts === undefined) return undefined;
    lineage[f] = parts;
  }
  return {
    write,
    kept,
    units: {
      ...units,
      units: table,
      lineage,
      lineageDigests,
      namespaces: Object.fromEntries(
        Object.entries(units.namespaces).map(([ws, ns]) => [ws, { ...ns, owner: owners.get(ws)! }]),
      ),
      asks,
    },
    counts: {
      objects: objectPaths.length,
      files: objectPaths.length + derived.write.length + derived.kept.length,
    },
  };
}

interface IncrementalPlan {
  units: BuildUnits;
  /** Unit files to compile again (new ones included) and the unit files removed. */
  targets: Set<string>;
  removed: Set<string>;
  recompiled: number;
  /** The stack files that changed (their users are among the targets). */
  stacksChanged: string[];
  /** The last build's diagnostics of units not compiled again. */
  keptDiagnostics: Diagnostic[];
  /** The last build's diagnostics of context files: the compile must give them again. */
  contextDiagnostics: Diagnostic[];
  /** The previous build's units that are targets (or removed), and their indexes in its table. */
  oldTargets: UnitSummary[];
  touched: Set<number>;
  contextFiles: Set<string>;
  /** The files the old targets include, and those of them other units include too. */
  touchedIncludes: Set<string>;
  sharedIncludes: Set<string>;
  recorder: ReturnType<typeof recordingRepoFs>;
}

/** Which units to compile again, or undefined when the change is not one of units. */
async function planIncremental(
  req: RepoRequest,
  stale: StaleBuild,
): Promise<IncrementalPlan | undefined> {
  if (req.fs !== undefined || req.onlyClusters !== undefined) return undefined;
  if (req.config.clusters.length > 0) return undefined;
  const units = await readUnits(stale);
  if (units === undefined || units.contextIncludes.length > 0) return undefined;
  const table = units.units;
  // Included file → the units whose workflows include it (dag[].file).
  const includers = new Map<string, string[]>();
  for (let i = 0; i < table.size; i++)
    for (const f of table.list("includes", i))
      includers.set(f, [...(includers.get(f) ?? []), table.files[i]!]);
  const stackFiles = new Set(units.stackFiles);
  const contextFiles = new Set(units.context);
  const targets = new Set<string>();
  const removed = new Set<string>();
  const stacksChanged: string[] = [];
  for (const f of stale.removed) {
    if (table.indexOf(f) === undefined) return undefined;
    removed.add(f);
  }
  for (const f of stale.added) {
    // A new file may be what a `dag[].file` now resolves to, instead of another file.
    if (table.indexOf(f) !== undefined || contextFiles.has(f) || includers.size > 0)
      return undefined;
    targets.add(f);
  }
  for (const f of stale.changed) {
    if (removed.has(f)) continue;
    if (table.indexOf(f) !== undefined) targets.add(f);
    else if (stackFiles.has(f)) {
      stacksChanged.push(f);
      for (const i of table.listing("stacks", f)) targets.add(table.files[i]!);
    } else if (includers.has(f)) {
      for (const u of includers.get(f)!) targets.add(u);
    } else return undefined;
  }
  const touched = new Set<number>();
  for (const f of [...targets, ...removed]) {
    const i = table.indexOf(f);
    if (i !== undefined) touched.add(i);
  }
  const oldTargets = [...touched].sort((a, b) => a - b).map((i) => table.unit(i));
  // Included files go with their includers. One included both by a unit compiled again and by
  // one that is not has diagnostics of both: who reports what is not worth telling apart.
  const touchedIncludes = new Set(oldTargets.flatMap((u) => u.includes));
  const otherIncludes = table.itemsExcept("includes", touched);
  const shared = new Set([...touchedIncludes].filter((f) => otherIncludes.has(f)));
  const remade = new Set([...targets, ...removed, ...touchedIncludes]);
  const kept = (f: string) => {
    const i = table.indexOf(f);
    return (i !== undefined && !touched.has(i)) || otherIncludes.has(f);
  };
  // The last build's diagnostics of the files compiled again are made again. Those of other
  // units are their own and stay. Those of context files are made again too (the context is
  // compiled), and must come out the same: they may stem from units not compiled. Any other
  // (one that names a touched file as related, say) could change with the edit: a full build.
  const keptDiagnostics: Diagnostic[] = [];
  const contextDiagnostics: Diagnostic[] = [];
  for (const d of stale.record.diagnostics) {
    if (inFiles(d, shared, "any")) return undefined;
    if (inFiles(d, remade)) continue;
    if (inFiles(d, contextFiles)) {
      contextDiagnostics.push(d);
      continue;
    }
    if (!inFiles(d, kept)) return undefined;
    keptDiagnostics.push(d);
  }
  return {
    units,
    targets,
    removed,
    recompiled: targets.size,
    stacksChanged,
    keptDiagnostics,
    contextDiagnostics,
    oldTargets,
    touched,
    contextFiles,
    touchedIncludes,
    sharedIncludes: shared,
    recorder: recordingRepoFs(req.root),
  };
}

/**
 * The kustomizations and lineage files of the merged tree: those of the folders, jobs and
 * datasets the edit touched are made again (no lineage file, when the edit left the lineage
 * parts as they were), the others are the previous index's entries.
 * Undefined when the previous index holds derived files it should not.
 */
function derivedFiles(
  plan: IncrementalPlan,
  /** The targets' lineage parts, by file; undefined when they are what they were. */
  newLineage: Readonly<Record<string, LineagePart[]>> | undefined,
  /** The previous index's entries, and the same by path. */
  previousFiles: readonly IndexEntry[],
  previous: ReadonlyMap<string, IndexEntry>,
  objectPaths: readonly string[],
): { write: OutputFile[]; kept: IndexEntry[] } | undefined {
  // A folder's kustomization lists its files and sub-folders: it changes when a path under
  // it comes or goes, never when a file's bytes change.
  const before = new Set<string>();
  for (const e of previousFiles) if (e.source !== undefined) before.add(e.path);
  const after = new Set(objectPaths);
  const folders = foldersOf([
    ...objectPaths.filter((p) => !before.has(p)),
    ...[...before].filter((p) => !after.has(p)),
  ]);
  const lineage = newLineage === undefined ? undefined : editedLineage(plan, newLineage);
  const made = [...kustomizationFiles(objectPaths, folders), ...(lineage?.files ?? [])];
  const kept: IndexEntry[] = [];
  for (const e of previousFiles) {
    if (e.source !== undefined) continue;
    if (e.path === "lineage.json" || e.path.startsWith("lineage/")) {
      // Lineage the edit left as it was is all as before.
      if (lineage === undefined) kept.push(e);
      continue;
    }
    if (!e.path.endsWith(`/${KUSTOMIZATION_FILE}`)) return undefined;
    const folder = e.path.slice(0, -KUSTOMIZATION_FILE.length - 1);
    if (!folders.has(folder)) kept.push(e);
  }
  for (const p of lineage?.same ?? []) {
    const e = previous.get(p);
    if (e === undefined) return undefined;
    kept.push(e);
  }
  const write: OutputFile[] = [];
  for (const file of made) {
    const sha = sha256(file.content);
    if (previous.get(file.path)?.sha256 !== sha) write.push(file);
    else kept.push({ path: file.path, sha256: sha });
  }
  return { write, kept };
}

/**
 * Whether the recompiled files have the lineage parts they had, by their digests: then every
 * lineage file is as before (they are made from all the files' parts, in any order: see
 * assembleLineage), and so is the cache's file of parts.
 */
function lineageSame(plan: IncrementalPlan, newDigests: Readonly<Record<string, string>>): boolean {
  const before = plan.units.lineageDigests;
  const files = new Set([...plan.oldTargets.map((u) => u.file), ...Object.keys(newDigests)]);
  for (const f of files) if (before[f] !== newDigests[f]) return false;
  return true;
}

/**
 * The lineage files after an edit that changed some lineage: `lineage.json` and the events of
 * the jobs and datasets the edit touched are made again, the others are named as the same.
 */
function editedLineage(
  plan: IncrementalPlan,
  newLineage: Readonly<Record<string, LineagePart[]>>,
): ReturnType<typeof lineageFilesExcept> {
  const { units } = plan;
  const touched = [
    ...plan.oldTargets.flatMap((u) => units.lineage[u.file] ?? []),
    ...Object.values(newLineage).flat(),
  ];
  const jobs = new Set(touched.map((part) => part.job.id));
  const datasets = new Set(touched.flatMap((part) => part.edges.map((e) => e.dataset)));
  for (const part of touched) for (const d of part.datasets) datasets.add(d.address);
  return lineageFilesExcept(
    [
      ...units.contextLineage,
      ...units.units.files.flatMap((f, i) => (plan.touched.has(i) ? [] : (units.lineage[f] ?? []))),
      ...Object.values(newLineage).flat(),
    ],
    { job: (id) => !jobs.has(id), dataset: (address) => !datasets.has(address) },
  );
}

/**
 * The owner of each workspace's Namespace after the edit, and the asks' counts, when the
 * Namespaces and the instance secrets' Secrets come out as before: the same workspaces and
 * pod-security profiles, the same placements. Else undefined. (A Namespace's bytes depend on its
 * workspace and profiles only; its owner is the source its index entry names.)
 */
function runWideObjects(
  units: BuildUnits,
  touched: ReadonlySet<number>,
  oldTargets: readonly UnitSummary[],
  newTargets: readonly UnitSummary[],
): { owners: Map<string, string>; asks: Record<string, number> } | undefined {
  const asks = { ...units.asks };
  for (const u of oldTargets) for (const a of asksOf(u)) asks[a] = (asks[a] ?? 0) - 1;
  for (const u of newTargets) for (const a of asksOf(u)) asks[a] = (asks[a] ?? 0) + 1;
  for (const [a, n] of Object.entries(asks)) if (n <= 0 || !(a in units.asks)) return undefined;
  const owners = namespaceOwners(units, touched, oldTargets, newTargets);
  return owners === undefined ? undefined : { owners, asks };
}

/**
 * Each workspace's least resource id with objects there, after the edit; undefined when the
 * workspaces are not the same. The others' part is known unless a target owned a Namespace.
 */
function namespaceOwners(
  units: BuildUnits,
  touched: ReadonlySet<number>,
  oldTargets: readonly UnitSummary[],
  newTargets: readonly UnitSummary[],
): Map<string, string> | undefined {
  const oldIds = new Set(oldTargets.flatMap((u) => u.resources.map((r) => r.id)));
  const namespaces = Object.entries(units.namespaces);
  const owners = new Map<string, string>();
  const beat = (ws: string, id: string | undefined) => {
    const known = owners.get(ws);
    if (id !== undefined && (known === undefined || id < known)) owners.set(ws, id);
  };
  // An owner that is not a target is still there, and only the new targets can beat it. Where
  // a target owned the Namespace, the least of the context's and the other units' ids is.
  const table = units.units;
  for (const [ws, ns] of namespaces) {
    if (!oldIds.has(ns.owner)) {
      owners.set(ws, ns.owner);
      continue;
    }
    if (Object.hasOwn(units.contextOwners, ws)) beat(ws, units.contextOwners[ws]);
    for (const i of table.listing("ownerWorkspaces", ws))
      if (!touched.has(i)) beat(ws, table.owners(i)[ws]);
  }
  for (const u of newTargets) for (const [ws, id] of Object.entries(u.owners)) beat(ws, id);
  return namespaces.length === owners.size && namespaces.every(([ws]) => owners.has(ws))
    ? owners
    : undefined;
}

/**
 * Whether the context's list or a unit's not compiled again (folders, object identities) holds
 * one of the recompiled units' items: a search for the few of `mine` (see UnitTable).
 */
function takenByOthers(
  mine: ReadonlySet<string>,
  units: BuildUnits,
  list: "folders" | "identities",
  touched: ReadonlySet<number>,
): boolean {
  const context = list === "folders" ? units.contextFolders : units.contextIdentities;
  return context.some((item) => mine.has(item)) || units.units.holdsAny(list, mine, touched);
}

/** The previous build's inputs, with what this build read in place of theirs. */
function mergeInputs(
  stale: StaleBuild,
  now: RecordedInputs,
  removed: ReadonlySet<string>,
): RecordedInputs {
  const inputs = new Map<string, InputEntry>();
  for (const e of stale.record.inputs) if (!removed.has(e[0])) inputs.set(e[0], e);
  for (const e of now.inputs) inputs.set(e[0], e);
  return {
    // The listings as the lookup made them (answered from there, see onlyFiles), then any other.
    listings: [...stale.listings, ...now.listings],
    inputs: [...inputs.values()].sort((a, b) => compare(a[0], b[0])),
  };
}

/**
 * A RepoFs that lists only some manifest files (reads go through, for includes and configs).
 * A listing the cache lookup just made is answered from it.
 */
function onlyFiles(
  inner: RepoFs,
  keep: (file: string) => boolean,
  known: readonly Listing[],
): RepoFs {
  return {
    listManifests: async (roots, exclude) => {
      const listed = known.find((l) => sameList(l.roots, roots) && sameList(l.exclude, exclude));
      return (listed?.files ?? (await inner.listManifests(roots, exclude))).filter(keep);
    },
    read: (rel, maxBytes) => inner.read(rel, maxBytes),
    exists: (rel) => inner.exists(rel),
  };
}

/** Whether every file a diagnostic names (`any`: one of them) is among `files`. */
function inFiles(
  d: Diagnostic,
  files: ReadonlySet<string> | ((file: string) => boolean),
  how: "all" | "any" = "all",
): boolean {
  const named = [d.file, ...(d.related ?? []).map((r) => r.file)];
  const has = typeof files === "function" ? files : (f: string) => files.has(f);
  const among = (f: string | undefined) => f !== undefined && has(f);
  return how === "all" ? named.every(among) : named.some(among);
}

function entryOf(file: OutputFile, sha: string): IndexEntry {
  return { path: file.path, sha256: sha, source: indexSource(file.source!) };
}

/** A source as the index writes it (see buildIndex): its keys in this order. */
function indexSource({ resourceId, file, line }: ObjectSource): ObjectSource {
  return { resourceId, file, line };
}

/** The same diagnostics, in any order. */
function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  const text = (list: readonly Diagnostic[]) => sortDiagnostics(list).map((d) => JSON.stringify(d));
  return sameList(text(a), text(b));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
