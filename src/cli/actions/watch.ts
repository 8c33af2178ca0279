import { existsSync } from "node:fs";
import path from "node:path";
import type { StackyardConfig } from "../../config/types.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { matchManifests } from "../../discover/match-manifests.js";
import { readIndex } from "../../emit/ownership-index.js";
import type { IndexEntry } from "../../emit/types.js";
import { EXIT, type CommandContext } from "../command.js";
import { isUnder, pathBelow } from "../under-folder.js";
import { watchTree } from "../file-watcher.js";
import { internalErrorText } from "../internal-error.js";
import { plural } from "../plural.js";
import { buildSummary, runBuild } from "../run-build.js";

/** Saves arrive in bursts (editors write, rename and touch): wait for the burst to end. */
const DEBOUNCE_MS = 150;
/** Folders whose changes never matter, besides the out dir. */
const ALWAYS_SKIPPED = [".git", "node_modules", ".stackyard", ".vscode", ".idea"];

/**
 * `stackyard build --watch`: builds, then rebuilds after every change until SIGINT or SIGTERM.
 * Prints the out/ files each rebuild added, changed or removed, errors every time (they are
 * what to fix), and warnings only when they are new. A broken file mid-edit is just an error.
 */
export async function watchBuild(ctx: CommandContext, opts: { poll: boolean }): Promise<number> {
  const state: WatchState = { seen: new Set(), running: false, pending: [] };
  await rebuild(ctx, state, []);
  const first = state.config;
  if (first === undefined) return EXIT.invalid; // stackyard.yaml is broken before we start
  const watcher = watchTree(
    {
      root: ctx.root,
      // The latest good config decides: a change to `roots:` applies from the next save.
      relevant: (rel) => relevant(rel, state.config ?? first),
      skipDir: skipped(first),
      poll: opts.poll,
    },
    (paths) => schedule(ctx, state, paths),
  );
  ctx.note(
    `watching ${first.roots.join(", ")} and stackyard.yaml (${watcher.mode}); Ctrl-C to stop`,
  );
  await stopSignal();
  watcher.close();
  if (state.timer !== undefined) clearTimeout(state.timer);
  return EXIT.ok;
}

interface WatchState {
  /** The config of the last build that could read it. */
  config?: StackyardConfig;
  /** Warnings already shown, so each is printed once. */
  seen: Set<string>;
  running: boolean;
  pending: string[];
  timer?: ReturnType<typeof setTimeout>;
}

function schedule(ctx: CommandContext, state: WatchState, paths: string[]): void {
  state.pending.push(...paths);
  if (state.timer !== undefined) clearTimeout(state.timer);
  state.timer = setTimeout(() => void drain(ctx, state), DEBOUNCE_MS);
}

/** Runs one rebuild for everything that changed; changes during a build wait for the next. */
async function drain(ctx: CommandContext, state: WatchState): Promise<void> {
  state.timer = undefined;
  if (state.running || state.pending.length === 0) return;
  const changed = [...new Set(state.pending)].sort();
  state.pending = [];
  state.running = true;
  try {
    await rebuild(ctx, state, changed);
  } catch (error) {
    // A bug in one rebuild must not end the session: say so and keep watching.
    ctx.io.stderr(internalErrorText(error, ctx.io.env));
  } finally {
    state.running = false;
  }
  if (state.pending.length > 0) schedule(ctx, state, []);
}

/** Builds once and prints what changed in out/ since the previous build. */
async function rebuild(ctx: CommandContext, state: WatchState, changed: string[]): Promise<void> {
  const before =
    state.config === undefined ? undefined : await readLastBuild(ctx.root, state.config.outDir);
  const worth =
    state.config === undefined ? changed : worthNaming(ctx.root, changed, state.config, before);
  if (worth.length > 0) ctx.note(`changed: ${shortList(worth)}`);
  const run = await runBuild(ctx);
  if (run.config === undefined || run.result === undefined) return; // config errors were printed
  state.config = run.config;
  const fresh = run.diagnostics.filter((d) => d.severity === "error" || !state.seen.has(key(d)));
  for (const d of run.diagnostics) if (d.severity !== "error") state.seen.add(key(d));
  ctx.report(fresh, run.result.sources);
  if (run.code !== EXIT.ok) {
    ctx.note(`${run.config.outDir}/ unchanged; watching for the fix`);
    return;
  }
  if (before !== undefined) {
    const after = await readLastBuild(ctx.root, run.config.outDir);
    for (const line of outputChanges(run.config.outDir, before.hashes, after.hashes))
      ctx.note(line);
  }
  ctx.note(buildSummary(run));
}

/** ` + out/a.yaml`, ` ~ out/b.yaml`, ` - out/c.yaml`, or one line saying nothing changed. */
function outputChanges(
  outDir: string,
  before: Map<string, string>,
  after: Map<string, string>,
): string[] {
  const lines: string[] = [];
  for (const file of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const was = before.get(file);
    const now = after.get(file);
    if (was === now) continue;
    const mark = was === undefined ? "+" : now === undefined ? "-" : "~";
    lines.push(`  ${mark} ${path.posix.join(outDir, file)}`);
  }
  return lines.length > 0 ? lines : [`  no file in ${outDir}/ changed`];
}

/** What out/.stackyard/index.json tells of the last build. */
interface LastBuild {
  /** Each file's content hash, by out/-relative path. */
  hashes: Map<string, string>;
  /** Its files' entries, with the manifest each came from. */
  files: readonly IndexEntry[];
}

async function readLastBuild(root: string, outDir: string): Promise<LastBuild> {
  const { index } = await readIndex(path.resolve(root, outDir));
  const files = index?.files ?? [];
  return { hashes: new Map(files.map((f) => [f.path, f.sha256])), files };
}

/**
 * The changed paths worth naming in the `changed:` note. Editors and `sed -i` save through
 * files that are gone by the time the rebuild starts (`sedAbC123`, vim's `4913` and `x.yaml~`)
 * or that a build never reads (names starting with a dot, as vim's `.x.yaml.swp`). So: a path
 * that exists now, with no part named with a leading dot; and a path that is gone but was a
 * manifest — one a build lists (a `.yaml`/`.yml` file under a root, not excluded),
 * stackyard.yaml, or a file or folder the last build's objects came from.
 */
function worthNaming(
  root: string,
  changed: readonly string[],
  config: StackyardConfig,
  last: LastBuild | undefined,
): string[] {
  const manifests = new Set(matchManifests(changed, config.roots, config.exclude));
  const madeObjects = (p: string) =>
    last?.files.some(({ source }) => source?.file === p || source?.file.startsWith(`${p}/`)) ===
    true;
  return changed.filter((p) =>
    existsSync(path.join(root, p))
      ? !dotNamed(p, config.roots)
      : manifests.has(p) || p === "stackyard.yaml" || madeObjects(p),
  );
}

/** Whether a part of `rel` below its root (the whole of it, outside the roots) starts with a dot. */
function dotNamed(rel: string, roots: readonly string[]): boolean {
  const below = roots.map((r) => pathBelow(rel, r)).find((b) => b !== undefined) ?? rel;
  return below.split("/").some((part) => part.startsWith("."));
}

function relevant(rel: string, config: StackyardConfig): boolean {
  const top = rel.split("/")[0]!;
  if (ALWAYS_SKIPPED.includes(top) || isUnder(rel, config.outDir)) return false;
  if (rel === "stackyard.yaml") return true;
  return config.roots.some((r) => isUnder(rel, r));
}

/**
 * The folders a watch never enters: ALWAYS_SKIPPED, the out dir, and the siblings a build
 * writes it through (`out.stackyard-tmp-…`, see emit/fs/siblings.ts), which come and go with
 * every build.
 */
function skipped(config: StackyardConfig): (rel: string) => boolean {
  const outDir = path.posix.normalize(config.outDir).replace(/\/$/, "");
  const skip = new Set([...ALWAYS_SKIPPED, outDir]);
  return (rel) => skip.has(rel) || rel.startsWith(`${outDir}.stackyard-`);
}

function key(d: Diagnostic): string {
  return `${d.code}|${d.file ?? ""}|${d.range?.start ?? ""}|${d.message}`;
}

function shortList(paths: readonly string[]): string {
  return paths.length <= 3
    ? paths.join(", ")
    : `${paths.slice(0, 3).join(", ")} and ${plural(paths.length - 3, "more file")}`;
}

/** Resolves on the first Ctrl-C or termination request. */
function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
