import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { requireBundle, runStackyard } from "../cli/run-stackyard.js";
import { platformFiles } from "../gitops/fixture.js";
import { bareRemote, git, GIT_ENV, writeFiles, type Remote } from "./git-fixture.js";

requireBundle();
let remote: Remote | undefined;
afterEach(async () => remote?.dispose());

const CONFIG = "roots: [resources]\nplatform:\n  fqdn: data.example.internal\n";
const env = Object.fromEntries(
  Object.entries(GIT_ENV).filter((e): e is [string, string] => e[1] !== undefined),
);

it("stackyard publish builds, then commits out/ to the branch, once", async () => {
  remote = await bareRemote();
  const work = await remote.clone("work", {
    "stackyard.yaml": CONFIG,
    ...platformFiles(["retail"], 1),
  });
  const first = await runStackyard(["publish", "--branch", "rendered/main"], { cwd: work, env });
  expect(first.stderr).toMatch(
    /^published out\/ of [0-9a-f]{12} to origin rendered\/main as [0-9a-f]{12}$/m,
  );
  expect(first.code).toBe(0);
  const files = (await git(remote.bare, "ls-tree", "-r", "--name-only", "rendered/main")).split(
    "\n",
  );
  expect(files.every((f) => f.startsWith("out/"))).toBe(true);
  expect(files).toContain(
    "out/default/retail/worker-consumer-0000/deployment-consumer-0000-d.yaml",
  );
  const again = await runStackyard(["publish", "--branch", "rendered/main"], { cwd: work, env });
  expect(again.code).toBe(0);
  expect(again.stderr).toMatch(
    /origin rendered\/main already holds this build \([0-9a-f]{12}\); nothing to publish/,
  );
  expect(await git(remote.bare, "rev-list", "--count", "rendered/main")).toBe("1");
}, 60_000);

it("stackyard publish refuses a failing build and leaves the branch alone", async () => {
  remote = await bareRemote();
  const work = await remote.clone("work", {
    "stackyard.yaml": CONFIG,
    ...platformFiles(["retail"], 1),
  });
  await writeFiles(work, {
    "resources/retail/broken.yaml":
      "name: broken\nversion: v1beta\ntype: worker\nworker: {replicas: many}\n",
  });
  const run = await runStackyard(["publish", "--branch", "rendered/main"], { cwd: work, env });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(
    "not published: the build failed, so origin rendered/main is unchanged",
  );
  expect(await git(remote.bare, "branch", "--list")).toBe("");
}, 60_000);

it("stackyard publish needs --branch", async () => {
  const run = await runStackyard(["publish"], { env });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("--branch is required");
});

it("stackyard publish refuses a branch name git would take for something else, before building", async () => {
  remote = await bareRemote();
  const work = await remote.clone("work", {
    "stackyard.yaml": CONFIG,
    ...platformFiles(["retail"], 1),
  });
  for (const [branch, why] of [
    ["HEAD", "HEAD names the checked-out commit, not a branch"],
    ["refs/heads/x", "give the branch's name without refs/heads/"],
    ["bad..name", "it holds .."],
    ["with space", 'it holds " "'],
    ["a/.hidden", 'its part ".hidden" starts with .'],
  ]) {
    const run = await runStackyard(["publish", "--branch", branch!], { cwd: work, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `stackyard: --branch ${JSON.stringify(branch)} is not a branch name git accepts: ${why}`,
    );
  }
  // Nothing was built.
  expect(await git(work, "status", "--porcelain")).toBe("");
  expect(await git(remote.bare, "branch", "--list")).toBe("");
}, 60_000);

it("stackyard publish outside a git work tree, or before a first commit, refuses before building", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "stackyard-publish-nogit-"));
  try {
    await writeFiles(dir, { "stackyard.yaml": CONFIG, ...platformFiles(["retail"], 1) });
    const outside = await runStackyard(["publish", "--branch", "rendered/main"], { cwd: dir, env });
    expect(outside.code).toBe(2);
    expect(outside.stderr.split("\n").slice(0, 2)).toEqual([
      `stackyard: not published: ${dir} is not in a git work tree, and publish commits to a branch of its repository`,
      "hint: run stackyard publish in a clone of the sources' repository (or -C one)",
    ]);
    expect(outside.stderr).not.toContain("fatal:");
    expect(existsSync(path.join(dir, "out"))).toBe(false);
    await git(dir, "init", "-q");
    const empty = await runStackyard(["publish", "--branch", "rendered/main"], { cwd: dir, env });
    expect(empty.code).toBe(2);
    expect(empty.stderr.split("\n").slice(0, 2)).toEqual([
      "stackyard: not published: the repository has no commit yet, and a published commit names its source commit",
      "hint: commit the sources first, then publish",
    ]);
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 60_000);
