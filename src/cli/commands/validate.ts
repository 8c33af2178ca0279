import { existsSync } from "node:fs";
import path from "node:path";
import { EXIT, type Command } from "../command.js";
import { exitCodeFor } from "../exit-code.js";
import { plural } from "../plural.js";
import { loadRepoConfig, mergeSources } from "../repo-config.js";

/** `stackyard validate [PATH…]`: every check of a build, nothing written. */
export const validateCommand: Command = {
  name: "validate",
  summary: "check manifests without writing anything",
  usage: "stackyard validate [options] [PATH…]",
  description:
    "Parses, normalizes, validates and resolves the repository; writes nothing.\n" +
    "With PATHs (files or folders, relative to the repository root), only their diagnostics\n" +
    "are reported; the rest of the repository is still read to resolve references.",
  options: {},
  args: { min: 0, max: Number.POSITIVE_INFINITY },
  async run(ctx) {
    const paths: string[] = [];
    for (const arg of ctx.args) {
      const rel = path.relative(ctx.root, path.resolve(ctx.root, arg));
      if (rel.startsWith("..") || path.isAbsolute(rel)) {
        return ctx.usageError(
          `${arg} is outside the repository ${ctx.root}`,
          "give paths inside the repository",
        );
      }
      // A path that names nothing would narrow the report to nothing: "no errors" for a typo.
      if (!existsSync(path.resolve(ctx.root, arg))) {
        return ctx.usageError(
          `${arg} does not exist`,
          "give files or folders of the repository, relative to its root",
        );
      }
      paths.push(rel === "" ? "." : rel.split(path.sep).join("/"));
    }
    const loaded = await loadRepoConfig(ctx);
    if (!loaded.ok) return EXIT.invalid;
    const request = {
      root: ctx.root,
      config: loaded.config,
      ...(paths.length > 0 ? { paths } : {}),
    };
    const result = await ctx.core.validateRepo(request);
    const diagnostics = [...loaded.diagnostics, ...result.diagnostics];
    ctx.report(diagnostics, mergeSources(loaded.sources, result.sources));
    const code = exitCodeFor(diagnostics);
    if (code === EXIT.ok)
      ctx.note(`validated ${plural(result.stats.resources, "resource")}: no errors`);
    return code;
  },
};
