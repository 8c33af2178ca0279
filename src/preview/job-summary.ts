import { appendFile } from "node:fs/promises";

/** GitHub drops a step summary larger than 1 MiB; stay under it. */
const STEP_SUMMARY_LIMIT = 1024 * 1024 - 1024;

/**
 * Appends the whole report to the job summary file (`GITHUB_STEP_SUMMARY`, passed in by the
 * CLI): the one place a diff too long for comments is shown in full.
 */
export async function appendJobSummary(file: string, markdown: string): Promise<void> {
  const bytes = Buffer.byteLength(markdown, "utf8");
  const text =
    bytes <= STEP_SUMMARY_LIMIT
      ? markdown
      : `${Buffer.from(markdown, "utf8")
          .subarray(0, STEP_SUMMARY_LIMIT)
          .toString("utf8")
          .replace(
            /\n[^\n]*$/,
            "",
          )}\n\n… the report is longer than a job summary can hold (1 MiB); run stackyard diff locally for all of it.\n`;
  await appendFile(file, text.endsWith("\n") ? text : `${text}\n`);
}
