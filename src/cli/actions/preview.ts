import { readFile } from "node:fs/promises";
import path from "node:path";
import { renderMarkdown } from "../../diff/index.js";
import { appendJobSummary, commentBodies, splitComment } from "../../preview/index.js";
import { EXIT, type CommandContext } from "../command.js";
import { computeDiff, markdownLinks } from "./diff.js";

/** Runs `stackyard preview`: posts (or, with --dry-run, prints) the diff comment. */
export async function runPreview(ctx: CommandContext): Promise<number> {
  const given = ctx.options["pr"];
  if (typeof given !== "string")
    return ctx.usageError("--pr needs a pull-request number", "e.g. --pr 42");
  // Digits only: Number() would take 0x10, 1e3 or " 42" for some other pull request.
  const pr = /^[1-9][0-9]*$/.test(given) ? Number(given) : NaN;
  if (!Number.isSafeInteger(pr))
    return ctx.usageError(
      `--pr ${JSON.stringify(given)} is not a pull-request number`,
      "give the pull request's number, a whole number from 1 written in digits, e.g. --pr 42",
    );
  const markdown = await previewMarkdown(ctx);
  if (typeof markdown === "number") return markdown;
  const summaryFile = ctx.io.env["GITHUB_STEP_SUMMARY"];
  if (summaryFile) await appendJobSummary(summaryFile, markdown);
  if (ctx.options["dry-run"] === true) {
    ctx.io.stdout(
      commentBodies(splitComment(markdown)).join("\n\n<!-- ---- next comment ---- -->\n\n"),
    );
    return EXIT.ok;
  }
  return post(ctx, pr, markdown);
}

/** The Markdown to post: read from --markdown, or computed from --base/--head. */
async function previewMarkdown(ctx: CommandContext): Promise<string | number> {
  const file = ctx.options["markdown"];
  if (typeof file === "string") {
    if (ctx.options["base"] !== undefined)
      return ctx.usageError(
        "--markdown and --base cannot be used together",
        "post a file, or compute the diff",
      );
    try {
      return await readFile(path.resolve(ctx.io.cwd, file), "utf8");
    } catch (error) {
      return ctx.usageError(
        `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
  }
  const report = await computeDiff(ctx);
  return typeof report === "number" ? report : renderMarkdown(report, markdownLinks(ctx, report));
}

async function post(ctx: CommandContext, pr: number, markdown: string): Promise<number> {
  const { env } = ctx.io;
  const token = env["GITHUB_TOKEN"];
  const [owner, repo, ...rest] = (env["GITHUB_REPOSITORY"] ?? "").split("/");
  if (!token)
    return ctx.usageError(
      "GITHUB_TOKEN is not set",
      "in GitHub Actions: env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}",
    );
  if (!owner || !repo || rest.length > 0)
    return ctx.usageError(
      "GITHUB_REPOSITORY must be owner/name",
      "GitHub Actions sets it; elsewhere, export it",
    );
  const apiUrl = env["GITHUB_API_URL"] || "https://api.github.com";
  const outcome = await ctx.core.postPreview(
    { apiUrl, token, owner, repo, pr, userAgent: `stackyard/${ctx.version}` },
    markdown,
  );
  if (!outcome.ok) {
    ctx.io.stderr(
      `error: ${outcome.message}\n${outcome.hint === undefined ? "" : `hint: ${outcome.hint}\n`}`,
    );
    return EXIT.usage;
  }
  const what = [
    `${outcome.created} created`,
    `${outcome.updated} updated`,
    `${outcome.deleted} deleted`,
    `${outcome.unchanged} unchanged`,
  ].join(", ");
  ctx.note(
    `preview on pull request #${pr}: ${outcome.comments === 1 ? "1 comment" : `${outcome.comments} comments`} (${what})${outcome.url === undefined ? "" : ` ${outcome.url}`}`,
  );
  return EXIT.ok;
}
