import { simpleGit } from "simple-git";
import { compileSide, type SideSpec } from "./compile-side.js";
import { diffCompiled } from "./diff-compiled.js";
import { resolveRevision } from "./resolve-revision.js";
import type { DiffReport } from "./types.js";

/** What to compare: two revisions of the repository at `root`; head defaults to the work tree. */
export interface DiffRequest {
  root: string;
  base: string;
  head?: string;
  /** `--config`: the config file's path in each revision, instead of stackyard.yaml. */
  configPath?: string;
}

/** The report, or why the revisions could not be read (not a repository, an unknown ref). */
export type DiffOutcome =
  { ok: true; report: DiffReport } | { ok: false; message: string; hint?: string };

/**
 * Compiles both revisions in memory — from git objects, no checkout — and compares them object
 * by object. Nothing in the work tree or the index changes.
 */
export async function diffRevisions(req: DiffRequest): Promise<DiffOutcome> {
  const git = simpleGit({ baseDir: req.root });
  if (!(await git.checkIsRepo())) {
    return {
      ok: false,
      message: `${req.root} is not inside a git repository`,
      hint: "run stackyard diff in a clone of the repository",
    };
  }
  // `-C` may name a folder inside the repository: git trees are read relative to it.
  const prefix = (await git.revparse(["--show-prefix"])).trim();
  const base = await resolveRevision(git, req.base);
  if (!base.ok) return base;
  let head: SideSpec = { kind: "worktree" };
  if (req.head !== undefined) {
    const resolved = await resolveRevision(git, req.head);
    if (!resolved.ok) return resolved;
    head = { kind: "commit", label: req.head, commit: resolved.commit, prefix };
  }
  const baseSide = await compileSide(
    req.root,
    git,
    { kind: "commit", label: req.base, commit: base.commit, prefix },
    req.configPath,
  );
  const headSide = await compileSide(req.root, git, head, req.configPath);
  return { ok: true, report: diffCompiled(baseSide, headSide) };
}
