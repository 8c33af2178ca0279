import type { RepoInspection } from "../build/inspect-repo.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { EXIT, type CommandContext } from "./command.js";
import { exitCodeFor } from "./exit-code.js";
import { loadRepoConfig, mergeSources } from "./repo-config.js";

/**
 * `graph` and `explain`: loads stackyard.yaml, compiles in memory and reports every diagnostic.
 * Returns what compiled (absent when nothing did) with the sources (stackyard.yaml's too), and
 * the exit code the diagnostics call for. `perCluster`: see RepoRequest.
 */
export async function inspectReported(ctx: CommandContext, perCluster = false): Promise<Inspected> {
  const inspected = await inspectUnreported(ctx, perCluster);
  ctx.report(inspected.diagnostics, inspected.sources);
  return inspected;
}

/** What inspectReported returns, with the diagnostics it reports. */
export interface Inspected {
  code: number;
  compiled?: NonNullable<RepoInspection["compiled"]>;
  sources: RepoInspection["sources"];
  /** The out dir stackyard.yaml names, as written there. */
  outDir?: string;
  diagnostics: Diagnostic[];
}

/**
 * inspectReported without the report, for a command that reports only the diagnostics its
 * answer is about (`explain OBJECT`). A stackyard.yaml that cannot be read is reported here:
 * nothing else can be.
 */
export async function inspectUnreported(
  ctx: CommandContext,
  perCluster = false,
): Promise<Inspected> {
  const loaded = await loadRepoConfig(ctx);
  if (!loaded.ok) return { code: EXIT.invalid, sources: new Map(), diagnostics: [] };
  const result = await ctx.core.inspectRepo({ root: ctx.root, config: loaded.config, perCluster });
  const diagnostics = [...loaded.diagnostics, ...result.diagnostics];
  const sources = mergeSources(loaded.sources, result.sources);
  const code = exitCodeFor(diagnostics);
  const { compiled } = result;
  const { outDir } = loaded.config;
  const base = { code, sources, outDir, diagnostics };
  return compiled === undefined ? base : { ...base, compiled };
}
