import type { RepoInspection } from "../build/inspect-repo.js";
import { EXIT, type CommandContext } from "./command.js";
import { exitCodeFor } from "./exit-code.js";
import { loadRepoConfig, mergeSources } from "./repo-config.js";

/**
 * `graph` and `explain`: loads stackyard.yaml, compiles in memory and reports every diagnostic.
 * Returns what compiled (absent when nothing did) with the compiler's sources, and the exit
 * code the diagnostics call for.
 */
export async function inspectReported(ctx: CommandContext): Promise<{
  code: number;
  compiled?: NonNullable<RepoInspection["compiled"]>;
  sources: RepoInspection["sources"];
}> {
  const loaded = await loadRepoConfig(ctx);
  if (!loaded.ok) return { code: EXIT.invalid, sources: new Map() };
  const result = await ctx.core.inspectRepo({ root: ctx.root, config: loaded.config });
  const diagnostics = [...loaded.diagnostics, ...result.diagnostics];
  ctx.report(diagnostics, mergeSources(loaded.sources, result.sources));
  const code = exitCodeFor(diagnostics);
  const { compiled, sources } = result;
  return compiled === undefined ? { code, sources } : { code, compiled, sources };
}
