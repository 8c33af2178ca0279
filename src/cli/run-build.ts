import type { StackyardConfig } from "../config/types.js";
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { EXIT, type CommandContext } from "./command.js";
import type { CompileResult, IncrementalStats, WriteStats } from "./core.js";
import { exitCodeFor } from "./exit-code.js";
import { plural } from "./plural.js";
import { progressAllowed, withProgress } from "./progress.js";
import { loadRepoConfig, mergeSources } from "./repo-config.js";

/** One build as the CLI runs it: what happened, for the caller to summarise or compare. */
export interface BuildRun {
  code: number;
  /** Undefined when stackyard.yaml itself is broken (its errors were already reported). */
  config?: StackyardConfig;
  diagnostics: Diagnostic[];
  result?: CompileResult & { write?: WriteStats; incremental?: IncrementalStats };
  ms: number;
}

/**
 * Loads the config and builds, with a progress line for slow builds on a terminal. Diagnostics
 * are not printed here: a one-off build prints them all, a watch prints what is new.
 */
export async function runBuild(ctx: CommandContext): Promise<BuildRun> {
  const start = Date.now();
  const loaded = await loadRepoConfig(ctx);
  if (!loaded.ok) return { code: EXIT.invalid, diagnostics: [], ms: Date.now() - start };
  const { config } = loaded;
  const only = selectedClusters(ctx, config);
  if (only === "invalid") return { code: EXIT.usage, diagnostics: [], ms: Date.now() - start };
  const cache = ctx.options["no-cache"] !== true;
  const req =
    only === undefined
      ? { root: ctx.root, config, cache }
      : { root: ctx.root, config, onlyClusters: only, cache };
  const progress = progressAllowed(ctx.io, ctx.global.quiet, ctx.global.format);
  const result = await withProgress(ctx.io, progress, "building", ctx.core.buildRepo(req));
  const diagnostics = [...loaded.diagnostics, ...result.diagnostics];
  // The memo of the config is written by a build that wrote out/, never by a failing one.
  if (result.write !== undefined && !hasErrors(diagnostics)) await loaded.remember?.();
  const merged = { ...result, sources: mergeSources(loaded.sources, result.sources) };
  return {
    code: exitCodeFor(diagnostics),
    config,
    diagnostics,
    result: merged,
    ms: Date.now() - start,
  };
}

/** `built 3 resources → 12 objects in out/ (2 written, 10 unchanged, 0 pruned), 1 warning, 0.4s`. */
export function buildSummary(run: BuildRun): string {
  const { result, config } = run;
  if (result === undefined || config === undefined) return "";
  const { resources, objects } = result.stats;
  const w = result.write;
  const writes =
    w === undefined ? "" : ` (${w.written} written, ${w.unchanged} unchanged, ${w.pruned} pruned)`;
  const warnings = run.diagnostics.filter((d) => d.severity === "warning").length;
  const warned = warnings > 0 ? `, ${plural(warnings, "warning")}` : "";
  const recompiled =
    result.incremental === undefined ? "" : ` (${result.incremental.recompiled} recompiled)`;
  return `built ${plural(resources, "resource")}${recompiled} → ${plural(objects, "object")} in ${config.outDir}/${writes}${warned}, ${(run.ms / 1000).toFixed(1)}s`;
}

/** `--cluster a,b`: names from `clusters:` in stackyard.yaml; anything else is a usage error. */
function selectedClusters(
  ctx: CommandContext,
  config: StackyardConfig,
): string[] | undefined | "invalid" {
  const option = ctx.options.cluster;
  if (typeof option !== "string") return undefined;
  const names = option
    .split(",")
    .map((n) => n.trim())
    .filter((n) => n !== "");
  const known = config.clusters.map((c) => c.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (names.length > 0 && unknown.length === 0) return names;
  const hint =
    known.length === 0
      ? "--cluster needs clusters: in stackyard.yaml (see docs/gitops.md)"
      : `the clusters are ${known.join(", ")}`;
  ctx.usageError(`unknown cluster ${unknown.join(", ") || JSON.stringify(option)}`, hint);
  return "invalid";
}
