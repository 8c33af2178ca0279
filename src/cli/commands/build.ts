import { EXIT, type Command } from "../command.js";
import { buildSummary, runBuild } from "../run-build.js";

/** `stackyard build`: compile the repository and write out/ (once, or on every change). */
export const buildCommand: Command = {
  name: "build",
  summary: "compile the repository into the out dir",
  usage: "stackyard build [options]",
  description:
    "Compiles every Stack and Resource under the configured roots into Kubernetes manifests.\n" +
    "Nothing is written when there is an error: the out dir stays exactly as it was.\n" +
    "With --watch, rebuilds on every change and prints only what changed, until Ctrl-C.\n" +
    "When no input and no generated file changed since the last build, the build is answered\n" +
    "from the build cache in <out>/.stackyard/cache/ and reports that build's diagnostics.",
  options: {
    watch: {
      type: "boolean",
      short: "w",
      description: "rebuild whenever a manifest or stackyard.yaml changes",
    },
    poll: {
      type: "boolean",
      description: "with --watch: poll for changes (network and container mounts)",
    },
    "no-cache": {
      type: "boolean",
      description:
        "compile even when nothing changed since the last build (the build cache in <out>/.stackyard/cache/ is refreshed)",
    },
    cluster: {
      type: "string",
      value: "NAME",
      description:
        "build only these clusters of stackyard.yaml (comma-separated); the others' files stay as they are",
    },
  },
  args: { min: 0, max: 0 },
  async run(ctx) {
    if (ctx.options.poll === true && ctx.options.watch !== true) {
      return ctx.usageError("--poll only applies with --watch", "add --watch");
    }
    if (ctx.options.watch === true) {
      // The file watcher loads only for --watch, keeping it out of what `--help` loads.
      const { watchBuild } = await import("../actions/watch.js");
      return watchBuild(ctx, { poll: ctx.options.poll === true });
    }
    const run = await runBuild(ctx);
    if (run.result === undefined) return run.code;
    ctx.report(run.diagnostics, run.result.sources);
    if (run.code === EXIT.ok) ctx.note(buildSummary(run));
    return run.code;
  },
};
