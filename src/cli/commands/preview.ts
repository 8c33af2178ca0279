import type { Command } from "../command.js";

/** `stackyard preview`: the diff as one sticky comment on a pull request. */
export const previewCommand: Command = {
  name: "preview",
  summary: "post the diff as a sticky pull-request comment",
  usage:
    "stackyard preview --pr N (--base REF [--head REF] | --markdown FILE) [--dry-run] [options]",
  description:
    "Computes the diff (as stackyard diff --output markdown does), or reads one from --markdown,\n" +
    "and posts it as one comment on pull request N, updated in place on every run. A diff too\n" +
    "long for one comment becomes a summary plus numbered parts. With GITHUB_STEP_SUMMARY set,\n" +
    "the whole diff also goes to the job summary.\n" +
    "Environment: GITHUB_TOKEN, GITHUB_REPOSITORY (owner/name), GITHUB_API_URL (optional).",
  options: {
    pr: { type: "string", value: "N", description: "the pull-request number (required)" },
    base: { type: "string", value: "REF", description: "the revision to compare against" },
    head: {
      type: "string",
      value: "REF",
      description: "the revision under review (default: the work tree)",
    },
    markdown: {
      type: "string",
      value: "FILE",
      description: "post this stackyard diff --output markdown file instead",
    },
    "dry-run": { type: "boolean", description: "print the comment bodies instead of posting them" },
  },
  args: { min: 0, max: 0 },
  // GitHub's client and the diff engine load only when the command runs: see commands/index.ts.
  run: async (ctx) => (await import("../actions/preview.js")).runPreview(ctx),
};
