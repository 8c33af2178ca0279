import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A committer identity and an empty home (no user git config), so tests behave the same anywhere. */
export const GIT_ENV: Record<string, string | undefined> = {
  ...process.env,
  HOME: mkdtempSync(path.join(os.tmpdir(), "stackyard-git-home-")),
  GIT_AUTHOR_NAME: "Test Author",
  GIT_AUTHOR_EMAIL: "author@example.com",
  GIT_COMMITTER_NAME: "Test Committer",
  GIT_COMMITTER_EMAIL: "committer@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
};

/** Runs git in `cwd` and returns its trimmed stdout. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run("git", args, {
    cwd,
    env: GIT_ENV as NodeJS.ProcessEnv,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.trim();
}

/** A scratch folder holding a bare "remote" and clones of it; removed by dispose. */
export interface Remote {
  dir: string;
  bare: string;
  /** A new work tree with `files` committed on main and `origin` pointing at the bare repo. */
  clone(name: string, files: Record<string, string>): Promise<string>;
  /** Makes every push wait `seconds` before the remote updates its refs, widening races. */
  slowPushes(seconds: number): Promise<void>;
  dispose(): Promise<void>;
}

export async function bareRemote(): Promise<Remote> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "stackyard-publish-test-"));
  const bare = path.join(dir, "remote.git");
  await run("git", ["init", "--quiet", "--bare", "--initial-branch=main", bare], {
    env: GIT_ENV as NodeJS.ProcessEnv,
  });
  return {
    dir,
    bare,
    async clone(name, files) {
      const work = path.join(dir, name);
      await mkdir(work);
      await git(work, "init", "--quiet", "--initial-branch=main");
      await writeFiles(work, files);
      await git(work, "add", "-A");
      await git(work, "commit", "--quiet", "-m", "source");
      await git(work, "remote", "add", "origin", bare);
      return work;
    },
    async slowPushes(seconds) {
      const hook = path.join(bare, "hooks", "pre-receive");
      await writeFile(hook, `#!/bin/sh\ncat >/dev/null\nsleep ${seconds}\n`);
      await chmod(hook, 0o755);
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Writes repo-relative files under `root`. */
export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  }
}
