import { commentBodies } from "./comment-bodies.js";
import type { CommentApi } from "./github-comments.js";
import { reconcile, type CommentOp } from "./reconcile.js";
import { splitComment } from "./split-comment.js";

/** What posting did: how many comments of each kind, and the summary comment's address. */
export interface PostResult {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /** The summary comment (absent when it was already up to date and nothing returned it). */
  url?: string;
  /** How many comments the preview takes: 1, or the summary plus its parts. */
  comments: number;
}

/** The result, or why GitHub refused (bad token, no permission, no such pull request). */
export type PostOutcome =
  ({ ok: true } & PostResult) | { ok: false; message: string; hint?: string };

/**
 * Posts a Markdown report as stackyard's sticky comment: found by its hidden marker and
 * updated in place, split into a summary and parts when too long, with leftover parts of an
 * earlier, longer run deleted. Requests run one at a time, in order, so parts stay in order.
 */
export async function postPreview(api: CommentApi, markdown: string): Promise<PostOutcome> {
  const wanted = commentBodies(splitComment(markdown));
  const result: PostResult = {
    created: 0,
    updated: 0,
    deleted: 0,
    unchanged: 0,
    comments: wanted.length,
  };
  try {
    const ops = reconcile(await api.list(), wanted);
    for (const op of ops) await apply(api, op, result);
  } catch (error) {
    return refused(error);
  }
  result.unchanged = wanted.length - result.created - result.updated;
  return { ok: true, ...result };
}

/** An HTTP failure, in words: the request error's status and GitHub's own message. */
function refused(error: unknown): { ok: false; message: string; hint?: string } {
  const status = (error as { status?: unknown }).status;
  if (typeof status !== "number") throw error; // not an HTTP answer: a bug, not a refusal
  const message = `GitHub answered ${status}: ${error instanceof Error ? error.message : String(error)}`;
  const hints: Record<number, string> = {
    401: "GITHUB_TOKEN is missing, expired or wrong",
    403: "the token may not write pull-request comments: give the job `permissions: pull-requests: write` (a fork's pull_request run never can; post from workflow_run)",
    404: "check GITHUB_REPOSITORY and the pull-request number, and that the token can see the repository",
  };
  const hint = hints[status];
  return hint === undefined ? { ok: false, message } : { ok: false, message, hint };
}

async function apply(api: CommentApi, op: CommentOp, result: PostResult): Promise<void> {
  if (op.op === "delete") {
    await api.remove(op.id);
    result.deleted++;
    return;
  }
  const posted = op.op === "create" ? await api.create(op.body) : await api.update(op.id, op.body);
  if (op.op === "create") result.created++;
  else result.updated++;
  if (op.slot === 0) result.url = posted.url;
}
