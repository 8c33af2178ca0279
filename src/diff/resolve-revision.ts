import type { SimpleGit } from "simple-git";

/** A revision the user named, resolved to a commit, or why it cannot be. */
export type ResolvedRevision =
  { ok: true; commit: string } | { ok: false; message: string; hint: string };

/**
 * Resolves a branch, tag or commit to a commit id. `--end-of-options` keeps a ref that starts
 * with `-` from being read as an option of git.
 */
export async function resolveRevision(git: SimpleGit, ref: string): Promise<ResolvedRevision> {
  try {
    const out = await git.raw([
      "rev-parse",
      "--verify",
      "--quiet",
      "--end-of-options",
      `${ref}^{commit}`,
    ]);
    const commit = out.trim();
    if (/^[0-9a-f]{40,64}$/.test(commit)) return { ok: true, commit };
  } catch {
    // git exits 1 for an unknown revision: reported below as a value, like any user mistake.
  }
  return {
    ok: false,
    message: `unknown revision "${ref}"`,
    hint: "name a branch, tag or commit of this repository; in CI, fetch it first (actions/checkout with fetch-depth: 0)",
  };
}
