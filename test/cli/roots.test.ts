import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTempDir, removeDir } from "../robustness/temp-repo.js";
import { requireBundle, runStackyard } from "./run-stackyard.js";

requireBundle();

const WORKER = `name: feed
version: v1beta
type: worker
workspace: shop
worker:
  stack: container
  compute: runnable-default
  stackSpec:
    image: ghcr.io/acme/feed:2.0.0
`;

let repo: string;
beforeEach(async () => {
  repo = await makeTempDir("roots");
  await mkdir(path.join(repo, "resources"));
  await writeFile(path.join(repo, "resources/feed.yaml"), WORKER);
});
afterEach(async () => {
  await removeDir(repo);
});

const build = async (roots: string) => {
  await writeFile(path.join(repo, "stackyard.yaml"), `roots: ${roots}\n`);
  return runStackyard(["build"], { cwd: repo });
};

describe("roots: that are not folders", () => {
  it("a file lists nothing, and the run says so (no internal error)", async () => {
    const run = await build("[resources/feed.yaml]");
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/NO_MANIFESTS no \.yaml or \.yml files under resources\/feed\.yaml/);
  });

  it("a missing folder lists nothing", async () => {
    const run = await build("[no-such-folder]");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/NO_MANIFESTS/);
  });

  it("beside a folder, leaves the folder's manifests listed", async () => {
    const run = await build("[resources/feed.yaml, resources]");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/NO_MANIFESTS/);
    expect(run.stderr).toMatch(/built 1 resources? /);
  });
});
