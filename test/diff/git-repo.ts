import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleGit, type SimpleGit } from "simple-git";

const PROJECT = path.resolve(import.meta.dirname, "../..");

/** A fixed identity and clock, so commit ids (and the reports that print them) never change. */
const GIT_ENV = {
  GIT_AUTHOR_NAME: "stackyard test",
  GIT_AUTHOR_EMAIL: "test@stackyard.invalid",
  GIT_COMMITTER_NAME: "stackyard test",
  GIT_COMMITTER_EMAIL: "test@stackyard.invalid",
  GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z",
  GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z",
};

/** A throwaway git repository in a temp folder. */
export interface TestRepo {
  dir: string;
  git: SimpleGit;
  read(rel: string): Promise<string>;
  write(rel: string, text: string): Promise<void>;
  remove(rel: string): Promise<void>;
  /** Stages everything and commits; tags the commit when a tag is given. */
  commit(message: string, tag?: string): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * A new repository holding a copy of this project's example platform (resources/ and
 * stackyard.yaml), not yet committed. The example's owners keep it compiling; when it or the
 * compiler changes, `npm run test:update` refreshes these tests' golden files.
 */
export async function exampleRepo(): Promise<TestRepo> {
  const dir = await mkdtemp(path.join(tmpdir(), "stackyard-diff-"));
  await cp(path.join(PROJECT, "resources"), path.join(dir, "resources"), { recursive: true });
  await cp(path.join(PROJECT, "stackyard.yaml"), path.join(dir, "stackyard.yaml"));
  return openRepo(dir);
}

/** A new repository holding a copy of a folder of this project (a fixture), not yet committed. */
export async function copyRepo(folder: string): Promise<TestRepo> {
  const dir = await mkdtemp(path.join(tmpdir(), "stackyard-diff-"));
  await cp(path.join(PROJECT, folder), dir, { recursive: true });
  return openRepo(dir);
}

/** A new, empty repository (no commit yet). */
export async function emptyRepo(): Promise<TestRepo> {
  return openRepo(await mkdtemp(path.join(tmpdir(), "stackyard-diff-")));
}

async function openRepo(dir: string): Promise<TestRepo> {
  // Only what git needs: simple-git refuses variables such as EDITOR that could run programs.
  const env = { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? dir, ...GIT_ENV };
  const git = simpleGit({ baseDir: dir, allowEnvironment: Object.keys(GIT_ENV) }).env(env);
  await git.init(["--initial-branch=main"]);
  await git.addConfig("commit.gpgsign", "false");
  return {
    dir,
    git,
    read: (rel) => readFile(path.join(dir, rel), "utf8"),
    async write(rel, text) {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), text);
    },
    remove: (rel) => rm(path.join(dir, rel)),
    async commit(message, tag) {
      await git.add(["-A"]);
      await git.commit(message, ["--allow-empty"]);
      if (tag !== undefined) await git.addTag(tag);
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Replaces `from` with `to` in a file of the repository; fails when `from` is not there. */
export async function edit(
  repo: TestRepo,
  rel: string,
  from: string | RegExp,
  to: string,
): Promise<void> {
  const text = await repo.read(rel);
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${rel} does not contain ${String(from)}`);
  await repo.write(rel, next);
}
