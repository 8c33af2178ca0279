import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { StackyardConfig } from "../../config/types.js";
import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { EXIT, type Command } from "../command.js";
import { exitCodeFor } from "../exit-code.js";
import { plural } from "../plural.js";
import { isUnder, pathBelow } from "../under-folder.js";
import { loadRepoConfig, mergeSources } from "../repo-config.js";

/** `stackyard validate [PATH…]`: every check of a build, nothing written. */
export const validateCommand: Command = {
  name: "validate",
  summary: "check manifests without writing anything",
  usage: "stackyard validate [options] [PATH…]",
  description:
    "Parses, normalizes, validates and resolves the repository; writes nothing.\n" +
    "With PATHs (files or folders, relative to the repository root), only their diagnostics\n" +
    "are reported; the rest of the repository is still read to resolve references. A PATH\n" +
    "a build never reads is reported as not validated (PATH_NOT_VALIDATED), and the closing\n" +
    "line names only the PATHs that were validated ('nothing validated' when none was).",
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
    const unread: Diagnostic[] = [];
    const skipped: string[] = [];
    for (const p of paths) {
      const why = await notReadByBuild(ctx.root, p, loaded.config);
      unread.push(...why);
      if (why.length > 0) skipped.push(p);
    }
    const request = {
      root: ctx.root,
      config: loaded.config,
      ...(paths.length > 0 ? { paths } : {}),
    };
    const result = await ctx.core.validateRepo(request);
    const diagnostics = [...loaded.diagnostics, ...unread, ...result.diagnostics];
    ctx.report(diagnostics, mergeSources(loaded.sources, result.sources));
    const code = exitCodeFor(diagnostics);
    if (code === EXIT.ok) ctx.note(summary(paths, skipped, result.stats.resources));
    return code;
  },
};

/**
 * The closing line of a run without errors. Without PATHs (or with `.`) the whole repository
 * was validated; else only the PATHs a build reads were, the others (PATH_NOT_VALIDATED) not,
 * and the repository's resources were read to resolve references.
 */
function summary(paths: readonly string[], skipped: readonly string[], resources: number): string {
  const validated = paths.filter((p) => !skipped.includes(p));
  if (paths.length === 0 || validated.includes("."))
    return `validated ${plural(resources, "resource")}: no errors`;
  if (validated.length === 0) {
    return skipped.length === 1
      ? `nothing validated: ${skipped[0]} is not read by a build`
      : `nothing validated: none of the ${skipped.length} paths is read by a build`;
  }
  const read = `${plural(resources, "resource")} read`;
  const not = skipped.length === 0 ? "" : `; not validated: ${names(skipped)}`;
  return `validated ${names(validated)}: no errors (${read})${not}`;
}

/** Paths for a summary line: the first three, then how many more. */
function names(paths: readonly string[]): string {
  if (paths.length <= 3) return paths.join(", ");
  return `${paths.slice(0, 3).join(", ")} and ${paths.length - 3} more`;
}

/**
 * PATH_NOT_VALIDATED for a path a build never reads, so that "no errors" is not read as a verdict
 * on it: a path inside outDir or outside every root, a file that is not `.yaml`/`.yml`, one
 * whose name or folder starts with a dot, one the `exclude:` globs leave out, or a folder with
 * no manifest that a build reads under it.
 */
async function notReadByBuild(
  root: string,
  rel: string,
  config: Pick<StackyardConfig, "roots" | "outDir" | "exclude">,
): Promise<Diagnostic[]> {
  const isFile = statSync(path.resolve(root, rel), { throwIfNoEntry: false })?.isFile() === true;
  const under = config.roots.filter((r) => isUnder(rel, r));
  // A folder that holds roots (the repository itself, say) is read through them.
  const held = isFile ? [] : config.roots.filter((r) => isUnder(r, rel));
  const outside =
    "validate a manifest under the roots, or add its folder to roots: in stackyard.yaml";
  let why: [string, string] | undefined;
  if (isUnder(rel, config.outDir))
    why = [
      `it is inside outDir (${config.outDir}/), which is output`,
      "validate the manifests under the roots that it is built from",
    ];
  else if (under.length === 0 && held.length === 0)
    why = [`it is not under roots: ${config.roots.join(", ")}`, outside];
  else if (isFile && !/\.ya?ml$/.test(rel)) why = ["it is not a .yaml or .yml file", outside];
  else if (under.length > 0 && under.every((r) => belowDotName(rel, r)))
    why = [
      "a build skips files and folders whose names start with a dot",
      "rename it, or give it its own entry in roots: in stackyard.yaml",
    ];
  else {
    // The build's own listing, of this file's folder or of this folder, with the excludes.
    const { discoverManifests } = await import("../../discover/discover.js");
    const listed = await discoverManifests(
      root,
      isFile ? [path.posix.dirname(rel)] : under.length > 0 ? [rel] : held,
      config.exclude,
    );
    const excluded = `a build leaves out ${config.exclude.join(", ")} (exclude: in stackyard.yaml, and the folders no build enters)`;
    if (isFile && !listed.includes(rel)) why = ["a glob of exclude: leaves it out", excluded];
    else if (!isFile && listed.length === 0)
      why = [
        "no .yaml or .yml file under it is read by a build",
        `validate a folder that holds manifests; ${excluded}`,
      ];
  }
  if (why === undefined) return [];
  return [diag("PATH_NOT_VALIDATED", `${rel} was not validated: ${why[0]}`, {}, { hint: why[1] })];
}

/** Whether a path below the root `r` has a part (below `r`) whose name starts with a dot. */
function belowDotName(rel: string, r: string): boolean {
  const below = pathBelow(rel, r) ?? "";
  return below.split("/").some((part) => part.startsWith(".") && part !== "." && part !== "..");
}
