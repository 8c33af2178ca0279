import { renderMarkdown, renderText, type DiffReport } from "../../diff/index.js";
import { EXIT, type CommandContext } from "../command.js";
import { DIFF_OUTPUTS } from "../commands/diff.js";
import { useColor } from "../global-options.js";

/** Runs `stackyard diff`: prints the report as text or Markdown. */
export async function runDiff(ctx: CommandContext): Promise<number> {
  const output = ctx.global.outputFormat ?? ctx.options["output"] ?? "text";
  if (!isOutput(output))
    return ctx.usageError(
      `unknown value "${String(output)}" for --output`,
      `use one of: ${DIFF_OUTPUTS.join(", ")}`,
    );
  const report = await computeDiff(ctx);
  if (typeof report === "number") return report;
  ctx.io.stdout(
    output === "markdown"
      ? renderMarkdown(report, markdownLinks(ctx, report))
      : renderText(report, {
          color: useColor(ctx.global.color, ctx.io.env, ctx.io.stdoutIsTty === true),
        }),
  );
  return introducesErrors(report) ? EXIT.invalid : EXIT.ok;
}

/**
 * Runs the diff for `--base`/`--head`, or returns the exit code after reporting why it could
 * not (a missing --base, an unknown revision, not a git repository).
 */
export async function computeDiff(ctx: CommandContext): Promise<DiffReport | number> {
  const base = ctx.options["base"];
  const head = ctx.options["head"];
  if (typeof base !== "string")
    return ctx.usageError(
      "--base is required",
      "name the revision to compare against, e.g. --base origin/main",
    );
  for (const [option, value] of [
    ["--base", base],
    ["--head", head],
  ] as const) {
    const range = typeof value === "string" ? rangeEnds(value) : undefined;
    if (range !== undefined)
      return ctx.usageError(
        `${option} ${value} is a range of commits; diff compares two revisions`,
        `pass --base ${range.base} --head ${range.head}${range.mergeBase ? ` (A...B compares B with A's merge base: --base $(git merge-base ${range.base} ${range.head}))` : ""}`,
      );
  }
  const request = {
    root: ctx.root,
    base,
    ...(typeof head === "string" ? { head } : {}),
    ...(ctx.global.configPath === undefined ? {} : { configPath: ctx.global.configPath }),
  };
  const outcome = await ctx.core.diffRevisions(request);
  if (!outcome.ok) return ctx.usageError(outcome.message, outcome.hint);
  return outcome.report;
}

/**
 * Links to files on GitHub when run in Actions (GITHUB_SERVER_URL, GITHUB_REPOSITORY), at the
 * head commit, or GITHUB_SHA when the head is the work tree CI checked out.
 */
export function markdownLinks(ctx: CommandContext, report: DiffReport): { linkBase?: string } {
  const { env } = ctx.io;
  const server = env["GITHUB_SERVER_URL"];
  const repository = env["GITHUB_REPOSITORY"];
  const commit = report.head.commit ?? env["GITHUB_SHA"];
  if (!server || !repository || !commit) return {};
  return { linkBase: `${server.replace(/\/+$/, "")}/${repository}/blob/${commit}/` };
}

/**
 * The two ends of a git range (`A..B`, `A...B`; an end left out is HEAD), or undefined for a
 * revision: no ref name holds `..` (git check-ref-format), so `..` always means a range.
 */
export function rangeEnds(
  value: string,
): { base: string; head: string; mergeBase: boolean } | undefined {
  const match = /^(.*?)(\.\.\.?)(.*)$/s.exec(value);
  if (match === null) return undefined;
  const [, base, dots, head] = match as unknown as [string, string, string, string];
  return { base: base || "HEAD", head: head || "HEAD", mergeBase: dots === "..." };
}

/** True when the head has errors that the base did not have. */
export function introducesErrors(report: DiffReport): boolean {
  return report.diagnostics.introduced.some((d) => d.severity === "error");
}

function isOutput(value: unknown): value is (typeof DIFF_OUTPUTS)[number] {
  return (DIFF_OUTPUTS as readonly unknown[]).includes(value);
}
