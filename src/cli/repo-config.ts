import type { StackyardConfig } from "../config/types.js";
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { CommandContext } from "./command.js";

/** The loaded config, or undefined after its errors were reported. */
export type RepoConfig =
  | {
      ok: true;
      config: StackyardConfig;
      diagnostics: Diagnostic[];
      sources: Map<string, string>;
      /** Keeps the parsed config for the next command, once a build has made its cache. */
      remember?: () => Promise<void>;
    }
  | { ok: false };

/**
 * Loads stackyard.yaml (or --config) for a command. Errors are reported at once and end the
 * run; warnings are handed back so they are printed with the command's own diagnostics.
 */
export async function loadRepoConfig(ctx: CommandContext): Promise<RepoConfig> {
  const cache = ctx.options["no-cache"] !== true;
  const loaded = await ctx.core.loadConfig(ctx.root, ctx.global.configPath, cache);
  if (hasErrors(loaded.diagnostics)) {
    ctx.report(loaded.diagnostics, loaded.sources);
    return { ok: false };
  }
  // CI is where a lenient build would let a misspelled field reach the cluster.
  const strict = ctx.global.strict || ctx.io.env["CI"] === "true";
  return {
    ok: true,
    ...loaded,
    config: strict ? { ...loaded.config, strict: true } : loaded.config,
  };
}

/** Two runs' sources as one map, for printing their diagnostics together. */
export function mergeSources(
  ...maps: ReadonlyArray<ReadonlyMap<string, string>>
): Map<string, string> {
  return new Map(maps.flatMap((m) => [...m]));
}
