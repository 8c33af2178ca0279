import { spawnSync } from "node:child_process";
import { cp, readdir, rename, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { requireBundle, runStackyard } from "../cli/run-stackyard.js";
import { BASE_FILES, makeTempDir, removeDir, snapshotTree, writeEntries } from "./temp-repo.js";

requireBundle();

// What a killed build leaves is made here by hand, with the renames the build does (see
// src/emit/fs/siblings.ts), so each state is reached every run; crash-safety.test.ts kills real
// builds at random points.

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map(removeDir));
});

/** A built repository, and its out/ as the build left it. */
async function builtRepo(): Promise<{ repo: string; built: Record<string, string> }> {
  const repo = await makeTempDir("interrupted");
  temps.push(repo);
  await writeEntries(repo, BASE_FILES);
  const build = await runStackyard(["build"], { cwd: repo });
  expect(build.code, build.stderr).toBe(0);
  return { repo, built: await snapshotTree(path.join(repo, "out")) };
}

/** What a build does before it writes out/: a record never vouches for a tree mid-write. */
const dropRecord = (repo: string) =>
  rm(path.join(repo, "out/.stackyard/cache/build.json"), { force: true });

/** A build lock held by process `pid` of this host, as a build writes it. */
const lockHeldBy = (out: string, pid: number) =>
  writeFile(
    `${out}.lock`,
    `${JSON.stringify({ pid, hostname: hostname(), token: "0123456789abcdef" })}\n`,
  );

const leftovers = async (repo: string) =>
  (await readdir(repo)).filter((n) => n.startsWith("out.")).sort();

describe("a write of out/ stopped part way", () => {
  it("is what check says when out/ is missing, and the next build finishes it and says so", async () => {
    const { repo, built } = await builtRepo();
    // A swap killed between its two renames: out/ moved aside, the new tree not yet in place.
    const out = path.join(repo, "out");
    await cp(out, `${out}.stackyard-ready-0a1b2c3d4e5f`, { recursive: true });
    await rename(out, `${out}.stackyard-old-0a1b2c3d4e5f`);

    const check = await runStackyard(["check"], { cwd: repo });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(
      "warning OUTPUT_INTERRUPTED out/ is missing: a build was stopped while it wrote out/, " +
        "and its files are in out.stackyard-ready-0a1b2c3d4e5f now",
    );
    expect(check.stderr).toContain("run: stackyard build (it finishes that write of out/ first");
    // The stale list is still there: every file would be added.
    expect(check.stderr).toMatch(/out\/ is stale: \d+ files would change/);

    const build = await runStackyard(["build"], { cwd: repo });
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).toContain(
      "info OUTPUT_INTERRUPTED a build had been stopped while it wrote out/: restored out " +
        "from out.stackyard-ready-0a1b2c3d4e5f; removed out.stackyard-old-0a1b2c3d4e5f",
    );
    expect(await snapshotTree(out)).toEqual(built);
    expect(await leftovers(repo)).toEqual([]);

    const again = await runStackyard(["check"], { cwd: repo });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain("OUTPUT_INTERRUPTED");
  }, 60_000);

  it("is a warning only when out/ is whole and the leftovers sit next to it", async () => {
    const { repo } = await builtRepo();
    // A build killed while it staged a tree: out/ is untouched but for its cache record, and
    // the killed build's lock is still there (which alone keeps the cache from answering).
    const out = path.join(repo, "out");
    await cp(out, `${out}.stackyard-tmp-00000000000a`, { recursive: true });
    await dropRecord(repo);
    await lockHeldBy(out, spawnSync(process.execPath, ["-e", "0"]).pid);
    const check = await runStackyard(["check"], { cwd: repo });
    expect(check.code, check.stderr).toBe(0);
    expect(check.stderr).toContain(
      "warning OUTPUT_INTERRUPTED a build was stopped while it wrote out/ and left " +
        "out.stackyard-tmp-00000000000a next to it",
    );
    expect(check.stderr).toContain("the next stackyard build removes them; out/ itself is whole");
  }, 60_000);

  it("names the build that holds the lock instead, when one may be writing now", async () => {
    const { repo } = await builtRepo();
    const out = path.join(repo, "out");
    await cp(out, `${out}.stackyard-tmp-00000000000b`, { recursive: true });
    await dropRecord(repo);
    // This test's own process is alive on this host: a build that is writing.
    await lockHeldBy(out, process.pid);
    const check = await runStackyard(["check"], { cwd: repo });
    expect(check.stderr).toContain(
      `warning OUTPUT_INTERRUPTED a build (process ${process.pid} on ${hostname()}) is writing out/ now`,
    );
    expect(check.stderr).not.toContain("was stopped");
  }, 60_000);
});
