import type { Command } from "../command.js";

/** The stack a new resource runs on when --stack is not given. */
export const DEFAULT_STACK = "container";

/** `stackyard new KIND NAME`: a resource or stack file to start from. */
export const newCommand: Command = {
  name: "new",
  summary: "scaffold a workflow, worker, service or stack",
  usage:
    "stackyard new workflow|worker|service|stack NAME [--stack REF] [--workspace WS] [--file PATH]",
  description:
    "Writes a manifest with the required fields filled in and, for a resource, the stackSpec\n" +
    "skeleton of its stack: required fields with placeholders, optional ones commented out.\n" +
    "Prints the path of the new file. Never overwrites a file. Also refreshes the editor schemas,\n" +
    "in the folder .vscode/settings.json names (stackyard schemas --out), or the default one.",
  options: {
    stack: {
      type: "string",
      value: "REF",
      description: `the stack to run on (default ${DEFAULT_STACK})`,
    },
    workspace: {
      type: "string",
      value: "WS",
      description: "the workspace (default: defaultWorkspace)",
    },
    file: {
      type: "string",
      value: "PATH",
      description: "where to write (default: in the first root)",
    },
  },
  args: { min: 2, max: 2 },
  // The scaffolder and the stack catalog load only when the command runs: see commands/index.ts.
  run: async (ctx) => (await import("../actions/new.js")).runNew(ctx),
};
