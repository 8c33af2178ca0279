import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listFiles, snapshotTree } from "../fixtures/harness.js";
import { requireBundle, runStackyard } from "./run-stackyard.js";

requireBundle();

const SERVICE = `name: web
version: v1
type: service
workspace: shop
service:
  servicePort: 8080
  stack: container
  compute: runnable-default
  stackSpec:
    image: ghcr.io/acme/web:1.0.0
`;

const WORKER = `name: feed
version: v1beta
type: worker
workspace: shop
worker:
  stack: container:1.0
  compute: runnable-default
  stackSpec:
    image: ghcr.io/acme/feed:2.0.0
`;

const BROKEN = `name: broken
version: v1beta
type: worker
workspace: shop
worker:
  stack: containr
  compute: runnable-default
  stackSpec:
    image: ghcr.io/acme/feed:2.0.0
`;

const WRONG_TYPE = `name: wrong
version: v1beta
type: worker
workspace: shop
worker:
  stack: container
  compute: runnable-default
  replicas: many
  stackSpec:
    image: ghcr.io/acme/feed:2.0.0
`;

let repo: string;

beforeEach(async () => {
  repo = await mkdtemp(path.join(tmpdir(), "stackyard-build-"));
  await mkdir(path.join(repo, "resources"));
  await writeFile(path.join(repo, "stackyard.yaml"), "roots: [resources]\n");
  await writeFile(path.join(repo, "resources/web.yaml"), SERVICE);
  await writeFile(path.join(repo, "resources/feed.yaml"), WORKER);
});
afterEach(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe("stackyard build", () => {
  it("compiles a repository into out/ and rewrites nothing when nothing changed", async () => {
    const first = await runStackyard(["build"], { cwd: repo });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/built 2 resources/);
    const files = await listFiles(path.join(repo, "out"));
    expect(files).toContain("default/shop/service-web/deployment-web-d.yaml");
    expect(files).toContain("default/shop/worker-feed/deployment-feed-d.yaml");
    expect(files).toContain(".stackyard/index.json");
    const before = await snapshotTree(path.join(repo, "out"));
    const second = await runStackyard(["build"], { cwd: repo });
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/0 written/);
    expect(await snapshotTree(path.join(repo, "out"))).toEqual(before);
  });

  it("reports every error with file:line:col, exits 1, and leaves out/ byte-identical", async () => {
    expect((await runStackyard(["build"], { cwd: repo })).code).toBe(0);
    const before = await snapshotTree(path.join(repo, "out"));
    await writeFile(path.join(repo, "resources/broken.yaml"), BROKEN);
    await writeFile(path.join(repo, "resources/wrong.yaml"), WRONG_TYPE);
    await writeFile(
      path.join(repo, "resources/web.yaml"),
      SERVICE.replace("servicePort", "servicePrt"),
    );
    const run = await runStackyard(["build"], { cwd: repo });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("resources/broken.yaml:6:10 error UNKNOWN_STACK");
    expect(run.stderr).toContain("resources/wrong.yaml:8:13 error WRONG_TYPE");
    expect(run.stderr).toContain("resources/web.yaml:6:3 error UNKNOWN_FIELD");
    expect(run.stderr).toContain("did you mean `servicePort`?");
    expect(run.stderr).not.toMatch(/\n\s+at .*\.js:\d+/); // never a stack trace
    expect(await snapshotTree(path.join(repo, "out"))).toEqual(before);
  });

  it("prunes the files of a removed resource and keeps hand-written files", async () => {
    expect((await runStackyard(["build"], { cwd: repo })).code).toBe(0);
    await writeFile(path.join(repo, "out/default/shop/NOTES.md"), "hand-written\n");
    await rm(path.join(repo, "resources/feed.yaml"));
    const run = await runStackyard(["build"], { cwd: repo });
    expect(run.code).toBe(0);
    const files = await listFiles(path.join(repo, "out"));
    expect(files.some((f) => f.includes("worker-feed"))).toBe(false);
    expect(files).toContain("default/shop/NOTES.md");
    expect(await readFile(path.join(repo, "out/default/shop/NOTES.md"), "utf8")).toBe(
      "hand-written\n",
    );
  });

  it("prints GitHub annotations with --format github", async () => {
    await writeFile(path.join(repo, "resources/broken.yaml"), BROKEN);
    const run = await runStackyard(["build", "--format", "github"], { cwd: repo });
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/::error file=resources\/broken.yaml,line=6,col=10/);
  });
});

describe("stackyard check", () => {
  it("passes on a fresh out/ and lists changed, added and deleted files when stale", async () => {
    expect((await runStackyard(["build"], { cwd: repo })).code).toBe(0);
    expect((await runStackyard(["check"], { cwd: repo })).code).toBe(0);
    await writeFile(path.join(repo, "out/default/shop/extra.txt"), "mine\n"); // hand-written: not stale
    expect((await runStackyard(["check"], { cwd: repo })).code).toBe(0);
    await writeFile(
      path.join(repo, "resources/web.yaml"),
      SERVICE.replace("web:1.0.0", "web:1.1.0"),
    );
    await rm(path.join(repo, "out/default/shop/worker-feed/deployment-feed-d.yaml"));
    const run = await runStackyard(["check"], { cwd: repo });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("out/default/shop/service-web/deployment-web-d.yaml");
    expect(run.stderr).toContain("out/default/shop/worker-feed/deployment-feed-d.yaml");
    expect(run.stderr).toContain("stackyard build");
  });
});

describe("stackyard validate", () => {
  it("writes nothing and narrows diagnostics to the given paths", async () => {
    await writeFile(path.join(repo, "resources/broken.yaml"), BROKEN);
    const all = await runStackyard(["validate"], { cwd: repo });
    expect(all.code).toBe(1);
    expect(all.stderr).toContain("resources/broken.yaml");
    const one = await runStackyard(["validate", "resources/web.yaml"], { cwd: repo });
    expect(one.code).toBe(0);
    expect(one.stderr).not.toContain("broken.yaml");
    expect(await listFiles(path.join(repo, "out"))).toEqual([]);
  });
});
