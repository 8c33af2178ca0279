import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { diag } from "../../diagnostics/diagnostic.js";
import { EXIT, type Command } from "../command.js";
import type { StaleFiles } from "../core.js";
import { exitCodeFor } from "../exit-code.js";
import { plural } from "../plural.js";
import { loadRepoConfig, mergeSources } from "../repo-config.js";

const HINT = "run: stackyard build";

/** `stackyard check`: CI's guard that the committed out/ is what the repository compiles to. */
export const checkCommand: Command = {
  name: "check",
  summary: "fail when the out dir is not what the repository compiles to",
  usage: "stackyard check [options]",
  description:
    "Compiles in memory and compares with the out dir; writes nothing.\n" +
    "Exits 1 and lists the files that would be added, changed or deleted when it is stale.",
  options: {},
  args: { min: 0, max: 0 },
  async run(ctx) {
    const loaded = await loadRepoConfig(ctx);
    if (!loaded.ok) return EXIT.invalid;
    const result = await ctx.core.checkRepo({ root: ctx.root, config: loaded.config });
    const stale = staleList(result.stale);
    const text = ctx.global.format === "text";
    // Machines get the stale files as diagnostics (annotations, SARIF results); people a list.
    const diagnostics = [
      ...loaded.diagnostics,
      ...result.diagnostics,
      ...(text ? [] : stale.map(staleDiagnostic)),
    ];
    ctx.report(diagnostics, mergeSources(loaded.sources, result.sources));
    if (text && stale.length > 0) ctx.io.stderr(staleReport(loaded.config.outDir, stale));
    const code = exitCodeFor(diagnostics);
    if (code !== EXIT.ok) return code;
    if (stale.length > 0) return EXIT.invalid;
    ctx.note(`${loaded.config.outDir}/ is up to date (${plural(result.stats.files, "file")})`);
    return EXIT.ok;
  },
};

type StaleEntry = { file: string; how: "added" | "changed" | "deleted" };

function staleList(stale: StaleFiles | undefined): StaleEntry[] {
  if (stale === undefined) return [];
  const entries: StaleEntry[] = [
    ...stale.added.map((file) => ({ file, how: "added" as const })),
    ...stale.changed.map((file) => ({ file, how: "changed" as const })),
    ...stale.deleted.map((file) => ({ file, how: "deleted" as const })),
  ];
  return entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function staleReport(outDir: string, stale: readonly StaleEntry[]): string {
  const head = `${outDir}/ is stale: ${plural(stale.length, "file")} would change`;
  return [head, ...stale.map((s) => `  ${s.file} (${s.how})`), `hint: ${HINT}`, ""].join("\n");
}

function staleDiagnostic(entry: StaleEntry): Diagnostic {
  const message = `${entry.file} would be ${entry.how} by stackyard build`;
  return diag("OUTPUT_STALE", message, { file: entry.file }, { hint: HINT });
}
