import { lstatSync, mkdirSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outputsUnchanged, type OutputStats } from "../../src/build/verify-outputs.js";

// The worker shares the checks from `splitAt` files on, by chunks; these tests lower both so that
// the two threads share 19 chunks, and keep the defaults to check the one-thread path.
const FILES = 300;
const SPLIT = { splitAt: 10, chunkSize: 16 };
// This thread usually checks all 300 files before the worker has loaded: WORKER checks the
// worker's own program.
const WORKER = { ...SPLIT, workerOnly: true };

let out: string;
let stats: OutputStats;
beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), "verify-outputs-"));
  const paths: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const rel = `ns-${i % 7}/res-${i}/object.yaml`;
    mkdirSync(path.join(out, path.dirname(rel)), { recursive: true });
    writeFileSync(path.join(out, rel), `kind: ConfigMap # ${i}\n`);
    paths.push(rel);
  }
  const st = paths.map((p) => lstatSync(path.join(out, p)));
  stats = { paths, sizes: st.map((s) => s.size), mtimes: st.map((s) => s.mtimeMs) };
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

/** Moves a file's mtime away from the recorded one; its bytes stay the same. */
async function touch(rel: string): Promise<void> {
  await utimes(path.join(out, rel), new Date(2000, 0, 1), new Date(2000, 0, 1));
}

describe("outputsUnchanged", () => {
  it("holds for an untouched tree, on one thread and on two", async () => {
    expect(await outputsUnchanged(out, stats)).toBe(true);
    expect(await outputsUnchanged(out, stats, SPLIT)).toBe(true);
    expect(await outputsUnchanged(out, stats, WORKER)).toBe(true);
    expect(await outputsUnchanged(out, { paths: [], sizes: [], mtimes: [] }, SPLIT)).toBe(true);
  });

  // The first file is in this thread's first chunk; the others are in chunks either thread may
  // claim. Each change must be caught wherever it is.
  for (const at of [0, Math.floor(FILES / 2), FILES - 1]) {
    it(`sees file ${at} edited, removed or replaced by a symlink`, async () => {
      const rel = stats.paths[at]!;
      const abs = path.join(out, rel);
      await touch(rel);
      expect(await outputsUnchanged(out, stats)).toBe(false);
      expect(await outputsUnchanged(out, stats, SPLIT)).toBe(false);
      expect(await outputsUnchanged(out, stats, WORKER)).toBe(false);
      await rm(abs);
      expect(await outputsUnchanged(out, stats)).toBe(false);
      expect(await outputsUnchanged(out, stats, SPLIT)).toBe(false);
      expect(await outputsUnchanged(out, stats, WORKER)).toBe(false);
      await symlink(path.join(out, stats.paths[(at + 1) % FILES]!), abs);
      expect(await outputsUnchanged(out, stats)).toBe(false);
      expect(await outputsUnchanged(out, stats, SPLIT)).toBe(false);
      expect(await outputsUnchanged(out, stats, WORKER)).toBe(false);
    });
  }

  it("sees a size change with the mtime kept", async () => {
    const rel = stats.paths[FILES - 2]!;
    const abs = path.join(out, rel);
    const before = lstatSync(abs);
    await writeFile(abs, "kind: ConfigMap # longer than before\n");
    await utimes(abs, before.atime, before.mtime);
    expect(await outputsUnchanged(out, stats, SPLIT)).toBe(false);
    expect(await outputsUnchanged(out, stats, WORKER)).toBe(false);
  });

  it("sees a folder where a file was", async () => {
    const rel = stats.paths[FILES - 3]!;
    await rm(path.join(out, rel));
    await mkdir(path.join(out, rel));
    expect(await outputsUnchanged(out, stats, SPLIT)).toBe(false);
    expect(await outputsUnchanged(out, stats, WORKER)).toBe(false);
  });

  it("gives the same answer run after run (the threads share the chunks differently)", async () => {
    await touch(stats.paths[234]!);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => outputsUnchanged(out, stats, SPLIT)),
    );
    expect(answers).toEqual(Array(6).fill(false));
  });
});
