import type { StackSummary } from "../../build/list-stacks.js";
import { EXIT, type Command } from "../command.js";
import { exitCodeFor } from "../exit-code.js";
import { loadRepoConfig, mergeSources } from "../repo-config.js";

/** `stackyard stacks`: every stack the repository can use, built-in and its own. */
export const stacksCommand: Command = {
  name: "stacks",
  printsOutput: true,
  summary: "list the available stacks",
  usage: "stackyard stacks [options] [--json]",
  description:
    "Lists every stack a resource can name: the built-in stacks and the repository's own, with\n" +
    "flavors, versions, aliases, images and the orchestrators each supports.",
  options: { json: { type: "boolean", description: "print the list as JSON on stdout" } },
  args: { min: 0, max: 0 },
  async run(ctx) {
    const loaded = await loadRepoConfig(ctx);
    if (!loaded.ok) return EXIT.invalid;
    const result = await ctx.core.listStacks({ root: ctx.root, config: loaded.config });
    const diagnostics = [...loaded.diagnostics, ...result.diagnostics];
    ctx.report(diagnostics, mergeSources(loaded.sources, result.sources));
    if (ctx.options.json === true) {
      const plain = result.stacks.map(({ schema: _schema, ...rest }) => rest);
      ctx.io.stdout(`${JSON.stringify(plain, null, 2)}\n`);
    } else {
      ctx.io.stdout(formatTable(result.stacks));
    }
    return exitCodeFor(diagnostics);
  },
};

function formatTable(stacks: readonly StackSummary[]): string {
  const rows = [
    ["STACK", "ORCHESTRATORS", "IMAGE", "SOURCE"],
    ...stacks.map((s) => [
      s.ref + (s.aliases.length > 0 ? ` (also ${s.aliases.join(", ")})` : ""),
      s.orchestrators.join(",") || "-",
      s.image ?? "(from stackSpec)",
      s.builtin ? "built-in" : s.file,
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return (
    rows
      .map((r) =>
        r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  "),
      )
      .join("\n") + "\n"
  );
}
