import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { StackyardConfig } from "../../config/types.js";
import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { EXIT, type Command } from "../command.js";
import { exitCodeFor } from "../exit-code.js";
import { plural } from "../plural.js";
import { isUnder } from "../under-folder.js";
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
    const unread = paths.flatMap((p) => notReadByBuild(ctx.root, p, loaded.config));
    const request = {
      root: ctx.root,
      config: loaded.config,
      ...(paths.length > 0 ? { paths } : {}),
    };
    const result = await ctx.core.validateRepo(request);
    const diagnostics = [...loaded.diagnostics, ...unread, ...result.diagnostics];
    ctx.report(diagnostics, mergeSources(loaded.sources, result.sources));
    const code = exitCodeFor(diagnostics);
    if (code === EXIT.ok)
      ctx.note(`validated ${plural(result.stats.resources, "resource")}: no errors`);
    return code;
  },
};

/**
 * PATH_NOT_VALIDATED for a path a build never reads, so that "no errors" is not read as a verdict
 * on it: a file that is not `.yaml`/`.yml`, or a path outside every root or inside outDir.
 * (A path the `exclude:` globs leave out is not told apart.)
 */
function notReadByBuild(
  root: string,
  rel: string,
  config: Pick<StackyardConfig, "roots" | "outDir">,
): Diagnostic[] {
  const isFile = statSync(path.resolve(root, rel), { throwIfNoEntry: false })?.isFile() === true;
  // Under a root, or a folder that holds one (the repository itself, say): read by a build.
  const read = config.roots.some((r) => isUnder(rel, r) || isUnder(r, rel));
  let why: string | undefined;
  if (isUnder(rel, config.outDir)) why = `it is inside outDir (${config.outDir}/), which is output`;
  else if (!read) why = `it is not under roots: ${config.roots.join(", ")}`;
  else if (isFile && !/\.ya?ml$/.test(rel)) why = "it is not a .yaml or .yml file";
  if (why === undefined) return [];
  return [
    diag(
      "PATH_NOT_VALIDATED",
      `${rel} was not validated: ${why}`,
      {},
      {
        hint: "validate a manifest under the roots, or add its folder to roots: in stackyard.yaml",
      },
    ),
  ];
}
