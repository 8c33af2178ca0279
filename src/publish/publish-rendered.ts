import path from "node:path";
import { simpleGit, type SimpleGit } from "simple-git";
import { ALLOWED_GIT_VARIABLES, gitEnvironment } from "./git-environment.js";
import { writeRenderedTree } from "./rendered-tree.js";

/** What `stackyard publish` asks for. */
export interface PublishRequest {
  /** The stackyard root: a folder of a git work tree. */
  root: string;
  /** The out dir, relative to the root. */
  outDir: string;
  /** The branch the rendered manifests are committed to, such as `rendered/main`. */
  branch: string;
  remote: string;
  /** The environment git runs with (PATH, HOME, the committer identity…), from the CLI. */
  env: Record<string, string | undefined>;
  /** How many pushes to try when concurrent publishes win the race; default 5. */
  attempts?: number;
}

/** What a publish did. */
export type PublishOutcome =
  | { kind: "published"; commit: string; parent?: string; source: string; attempts: number }
  | { kind: "unchanged"; commit: string; source: string }
  | { kind: "failed"; reason: string };

/** The private ref the published branch is fetched into; the user's refs are not touched. */
const FETCHED = "refs/stackyard/publish";

/**
 * The rendered-manifests pattern: commits the out dir — and only it — as the next commit of
 * `branch` on `remote`, with a message naming the source commit. Nothing is committed when the
 * branch already holds the same tree. A push that loses a race with another publish is
 * retried on top of the new tip; it is never forced, so no published commit is ever lost.
 */
export async function publishRendered(req: PublishRequest): Promise<PublishOutcome> {
  const env = gitEnvironment(req.env);
  const git = simpleGit({ baseDir: req.root, allowEnvironment: ALLOWED_GIT_VARIABLES }).env(env);
  try {
    const top = (await git.revparse(["--show-toplevel"])).trim();
    const source = (await git.revparse(["HEAD"])).trim();
    const outPath = path
      .relative(top, path.resolve(req.root, req.outDir))
      .split(path.sep)
      .join("/");
    const refused = await sourceProblem(git, req.branch, outPath);
    if (refused !== undefined) return { kind: "failed", reason: refused };
    const tree = await writeRenderedTree(git, env, outPath);
    const attempts = req.attempts ?? 5;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const parent = await fetchTip(git, req.remote, req.branch);
      if (parent !== undefined && !(await isRendered(git, parent)))
        return {
          kind: "failed",
          reason:
            `${req.remote} ${req.branch} holds commits that publish did not make (its tip ` +
            `${parent.slice(0, 12)} has no Source-Commit trailer), and publishing would replace ` +
            `its files with ${outPath}/ alone: give a branch of rendered manifests of its own, ` +
            "such as rendered/main",
        };
      if (parent !== undefined && (await treeOf(git, parent)) === tree)
        return { kind: "unchanged", commit: parent, source };
      const commit = await commitTree(git, tree, parent, message(source, outPath));
      const pushed = await push(git, req.remote, commit, req.branch);
      if (pushed === "ok")
        return parent === undefined
          ? { kind: "published", commit, source, attempts: attempt }
          : { kind: "published", commit, parent, source, attempts: attempt };
      if (pushed !== "raced") return { kind: "failed", reason: pushed.error };
    }
    return {
      kind: "failed",
      reason: `${req.remote} ${req.branch} kept moving: ${attempts} pushes lost the race to other publishes`,
    };
  } catch (error) {
    return { kind: "failed", reason: firstLine((error as Error).message) };
  }
}

/**
 * Why `root` cannot be published from at all, asked before the build: it is not in a git work
 * tree, or the repository has no commit yet (the published commit names its source commit).
 */
export async function publishSourceRefusal(
  root: string,
  env: Record<string, string | undefined>,
): Promise<{ message: string; hint: string } | undefined> {
  const git = simpleGit({ baseDir: root, allowEnvironment: ALLOWED_GIT_VARIABLES }).env(
    gitEnvironment(env),
  );
  const inside = await git
    .raw(["rev-parse", "--is-inside-work-tree"])
    .then((out) => out.trim() === "true")
    .catch(() => false);
  if (!inside)
    return {
      message: `${root} is not in a git work tree, and publish commits to a branch of its repository`,
      hint: "run stackyard publish in a clone of the sources' repository (or -C one)",
    };
  const head = await git
    .raw(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])
    .then((out) => out.trim())
    .catch(() => "");
  if (head === "")
    return {
      message: "the repository has no commit yet, and a published commit names its source commit",
      hint: "commit the sources first, then publish",
    };
  return undefined;
}

/**
 * Why the work tree cannot be published from, or undefined: `branch` is the branch checked
 * out here (its sources would be replaced by out/ alone), or files other than out/'s have
 * changes that are not committed (the published commit would name HEAD as its source, which
 * does not hold them).
 */
async function sourceProblem(
  git: SimpleGit,
  branch: string,
  outPath: string,
): Promise<string | undefined> {
  const current = (
    await git.raw(["symbolic-ref", "--quiet", "--short", "HEAD"]).catch(() => "")
  ).trim();
  if (current === branch)
    return `${branch} is the branch checked out here, and publishing would replace its files with ${outPath}/ alone: give a branch of rendered manifests of its own, such as rendered/${branch}`;
  const changed = (
    await git.raw([
      "status",
      "--porcelain",
      "--untracked-files=all",
      "--",
      ":(top)",
      `:(top,exclude)${outPath}`,
    ])
  )
    .split("\n")
    .filter((line) => line.trim() !== "");
  if (changed.length === 0) return undefined;
  const first = changed[0]!.slice(3);
  return `${changed.length} file${changed.length === 1 ? " has" : "s have"} changes that are not committed (${first}${changed.length > 1 ? ", …" : ""}), and the published commit would name HEAD as its source: commit them first`;
}

/** Whether `commit` is one publish made: its message has the Source-Commit trailer. */
async function isRendered(git: SimpleGit, commit: string): Promise<boolean> {
  const text = await git.raw(["log", "-1", "--format=%B", commit]);
  return /^Source-Commit: [0-9a-f]{40,64}$/m.test(text);
}

/** The current tip of the remote branch, or undefined when the branch does not exist yet. */
async function fetchTip(
  git: SimpleGit,
  remote: string,
  branch: string,
): Promise<string | undefined> {
  const listed = await git.raw(["ls-remote", "--heads", remote, `refs/heads/${branch}`]);
  if (listed.trim() === "") return undefined;
  const local = `${FETCHED}/${branch}`;
  // `+` lets the private ref follow the remote; it forces nothing on the remote.
  await git.raw(["fetch", "--quiet", "--no-tags", remote, `+refs/heads/${branch}:${local}`]);
  return (await git.revparse([local])).trim();
}

async function treeOf(git: SimpleGit, commit: string): Promise<string> {
  return (await git.revparse([`${commit}^{tree}`])).trim();
}

async function commitTree(
  git: SimpleGit,
  tree: string,
  parent: string | undefined,
  text: string,
): Promise<string> {
  const args = ["commit-tree", tree, ...(parent === undefined ? [] : ["-p", parent]), "-m", text];
  return (await git.raw(args)).trim();
}

/** `Render out/ from 1a2b3c4d5e6f` plus a trailer with the full id, for tools to read. */
function message(source: string, outPath: string): string {
  return `Render ${outPath}/ from ${source.slice(0, 12)}\n\nSource-Commit: ${source}`;
}

/** Pushes without force; a rejection because the tip moved is a lost race, retried by the caller. */
async function push(
  git: SimpleGit,
  remote: string,
  commit: string,
  branch: string,
): Promise<"ok" | "raced" | { error: string }> {
  try {
    await git.raw(["push", "--quiet", remote, `${commit}:refs/heads/${branch}`]);
    return "ok";
  } catch (error) {
    const text = (error as Error).message;
    return /non-fast-forward|fetch first|failed to update ref|cannot lock ref|stale info/i.test(
      text,
    )
      ? "raced"
      : { error: firstLine(text) };
  }
}

function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .find((l) => l.trim() !== "")
      ?.trim() ?? text
  );
}
