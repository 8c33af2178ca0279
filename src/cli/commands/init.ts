import type { Command } from "../command.js";

/** `stackyard init [DIR]`: a new platform repository that builds at once. */
export const initCommand: Command = {
  name: "init",
  summary: "create a new platform repository",
  usage: "stackyard init [DIR]",
  description:
    "Creates stackyard.yaml, resources/ with a working example Service, stacks/, a GitHub\n" +
    "Actions workflow that checks out/, and editor schemas with VS Code settings, in DIR\n" +
    "(default: the current folder). Existing files are kept; a folder that already has a\n" +
    "stackyard.yaml is refused. The config is always DIR/stackyard.yaml, the file every command\n" +
    "reads without --config, so init refuses --config.",
  options: {},
  args: { min: 0, max: 1 },
  async run(ctx) {
    // The scaffold (its CI workflow, README and editor settings) names stackyard.yaml: a config
    // written elsewhere would leave a repository whose every command needs --config.
    if (ctx.global.configPath !== undefined)
      return ctx.usageError(
        "init writes DIR/stackyard.yaml and takes no --config",
        "run stackyard init [DIR] without --config; every command then finds stackyard.yaml by itself",
      );
    // The scaffolder and the stack catalog load only when the command runs: see commands/index.ts.
    return (await import("../actions/init.js")).runInit(ctx);
  },
};
