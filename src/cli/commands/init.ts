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
    "stackyard.yaml is refused.",
  options: {},
  args: { min: 0, max: 1 },
  // The scaffolder and the stack catalog load only when the command runs: see commands/index.ts.
  run: async (ctx) => (await import("../actions/init.js")).runInit(ctx),
};
