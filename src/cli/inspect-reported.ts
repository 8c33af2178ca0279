import type { RepoInspection } from "../build/inspect-repo.js";
import { EXIT, type CommandContext } from "./command.js";
import { exitCodeFor } from "./exit-code.js";
import { loadRepoConfig, mergeSources } from "./repo-config.js";

/**
 * `graph` and `explain`: loads stackyard.yaml, compiles in memory and reports every diagnostic.
 * Returns what compiled (absent when nothing did) with the sources (stackyard.yaml's too), and
 * the exit code the diagnostics call for. `perCluster`: see RepoRequest.
 */
export async function inspectReported(
  ctx: CommandContext,
  perCluster = false,
): Promise<{
  code: number;
  compiled?: NonNullable<RepoInspection["compiled"]>;
  sources: RepoInspection["sources"];
  /** The out dir stackyard.yaml names, as written there. */
  outDir?: string;
}> {
  const loaded = await loadRepoConfig(ctx);
  if (!loaded.ok) return { code: EXIT.invalid, sources: new Map() };
  const result = await ctx.core.inspectRepo({ root: ctx.root, config: loaded.config, perCluster });
  const diagnostics = [...loaded.diagnostics, ...result.diagnostics];
  const sources = mergeSources(loaded.sources, result.sources);
  ctx.report(diagnostics, sources);
  const code = exitCodeFor(diagnostics);
  const { compiled } = result;
  const { outDir } = loaded.config;
  return compiled === undefined ? { code, sources, outDir } : { code, compiled, sources, outDir };
}
