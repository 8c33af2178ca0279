import type { Command } from "../command.js";

/** The formats of `stackyard diff`'s own output. */
export const DIFF_OUTPUTS = ["text", "markdown"] as const;

/** `stackyard diff`: what a change does to the Kubernetes objects, from two git revisions. */
export const diffCommand: Command = {
  name: "diff",
  printsOutput: true,
  summary: "show what a change does to the Kubernetes objects, without a cluster",
  usage: "stackyard diff --base REF [--head REF] [--format text|markdown] [options]",
  description:
    "Compiles two revisions in memory, straight from git (no checkout), and compares them object\n" +
    "by object: added, removed, changed, renamed, grouped by the resource that produces them,\n" +
    "with risk flags, the blast radius of changed stacks, and the diagnostics introduced or\n" +
    "fixed. Secret values are never shown. Without --head, the head is the work tree.\n" +
    "Exits 1 when the head has errors the base did not, 0 otherwise.",
  options: {
    base: {
      type: "string",
      value: "REF",
      description: "the revision to compare against (required)",
    },
    head: {
      type: "string",
      value: "REF",
      description: "the revision under review (default: the work tree)",
    },
    output: {
      type: "string",
      value: "FORMAT",
      description: "the same as --format (kept for scripts)",
    },
  },
  outputFormats: DIFF_OUTPUTS,
  args: { min: 0, max: 0 },
  // The diff engine (git, the compiler) loads only when the command runs: see commands/index.ts.
  run: async (ctx) => (await import("../actions/diff.js")).runDiff(ctx),
};
