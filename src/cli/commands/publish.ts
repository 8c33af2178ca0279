import { EXIT, type Command } from "../command.js";
import { runBuild } from "../run-build.js";

/** `stackyard publish`: build, then commit out/ alone to a branch of rendered manifests. */
export const publishCommand: Command = {
  name: "publish",
  summary: "build and commit the out dir to a branch of rendered manifests",
  usage: "stackyard publish --branch BRANCH [--remote NAME]",
  description:
    "Builds the repository and commits the out dir, and nothing else, as the next commit of\n" +
    "BRANCH on the remote (the rendered-manifests pattern: Argo CD or Flux follows that branch).\n" +
    "The commit message names the source commit. Nothing is committed when the branch already\n" +
    "holds the same files, and nothing at all when the build has errors. A push that races\n" +
    "another publish is retried on the new tip; publish never force-pushes.",
  options: {
    branch: {
      type: "string",
      value: "BRANCH",
      description: "the branch to commit to, such as rendered/main",
    },
    remote: {
      type: "string",
      value: "NAME",
      description: "the remote to push to (default: origin)",
    },
  },
  args: { min: 0, max: 0 },
  async run(ctx) {
    const branch = ctx.options.branch;
    if (typeof branch !== "string" || branch.trim() === "") {
      return ctx.usageError(
        "--branch is required",
        "name the branch of rendered manifests: --branch rendered/main",
      );
    }
    const wrong = branchNameProblem(branch);
    if (wrong !== undefined)
      return ctx.usageError(
        `--branch ${JSON.stringify(branch)} is not a branch name git accepts: ${wrong}`,
        "name the branch of rendered manifests: --branch rendered/main",
      );
    const remote = typeof ctx.options.remote === "string" ? ctx.options.remote : "origin";
    // Not a git work tree, or no commit: said before a build that could not be published.
    const refused = await ctx.core.publishSourceRefusal(ctx.root, { ...ctx.io.env });
    if (refused !== undefined) {
      ctx.io.stderr(`stackyard: not published: ${refused.message}\nhint: ${refused.hint}\n`);
      return EXIT.usage;
    }
    const run = await runBuild(ctx);
    if (run.result === undefined || run.config === undefined) return run.code;
    ctx.report(run.diagnostics, run.result.sources);
    if (run.code !== EXIT.ok) {
      ctx.note(`not published: the build failed, so ${remote} ${branch} is unchanged`);
      return run.code;
    }
    const outcome = await ctx.core.publishRendered({
      root: ctx.root,
      outDir: run.config.outDir,
      branch,
      remote,
      env: { ...ctx.io.env },
    });
    if (outcome.kind === "failed") {
      ctx.io.stderr(`stackyard: publish to ${remote} ${branch} failed: ${outcome.reason}\n`);
      return EXIT.usage;
    }
    const short = outcome.commit.slice(0, 12);
    if (outcome.kind === "unchanged")
      ctx.note(`${remote} ${branch} already holds this build (${short}); nothing to publish`);
    else
      ctx.note(
        `published ${run.config.outDir}/ of ${outcome.source.slice(0, 12)} to ${remote} ${branch} as ${short}`,
      );
    return EXIT.ok;
  },
};

/**
 * Why `name` cannot be the branch publish pushes to, or undefined: git's rules for a branch
 * name (`git check-ref-format --branch`), plus `HEAD` and a full `refs/…` name, which git would
 * take as `refs/heads/HEAD` and `refs/heads/refs/…`.
 */
export function branchNameProblem(name: string): string | undefined {
  if (name === "HEAD" || name === "@") return `${name} names the checked-out commit, not a branch`;
  if (name.startsWith("refs/")) return "give the branch's name without refs/heads/";
  if (name.startsWith("-")) return "it starts with -";
  if (name.startsWith("/") || name.endsWith("/") || name.includes("//"))
    return "a / at its start or end, or two together";
  if (name.includes("..")) return "it holds ..";
  if (name.includes("@{")) return "it holds @{";
  if (name.endsWith(".")) return "it ends with .";
  const bad = /[\x00-\x20\x7f~^:?*[\\]/.exec(name);
  if (bad !== null) return `it holds ${JSON.stringify(bad[0])}`;
  for (const part of name.split("/")) {
    if (part.startsWith(".")) return `its part ${JSON.stringify(part)} starts with .`;
    if (part.endsWith(".lock")) return `its part ${JSON.stringify(part)} ends with .lock`;
  }
  return undefined;
}
