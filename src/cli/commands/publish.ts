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
    const remote = typeof ctx.options.remote === "string" ? ctx.options.remote : "origin";
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
