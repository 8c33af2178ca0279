import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  writeFiles,
  type FileToWrite,
  type WriteOptions,
} from "../../src/emit/fs/parallel-writes.js";

// A worker shares the writes from `splitAt` files on; these tests lower it, and WORKER hands
// every chunk to the worker (this thread usually writes them all before the worker has loaded).
const COUNT = 600;
const ONE: WriteOptions = {};
const SPLIT: WriteOptions = { splitAt: 10, chunkSize: 16 };
const WORKER: WriteOptions = { ...SPLIT, workerOnly: true };
const EVERY_WAY = { ONE, SPLIT, WORKER };

let root: string;
let files: FileToWrite[];
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "parallel-writes-"));
  files = [];
  for (let i = 0; i < COUNT; i++) {
    const rel = `ns-${i % 7}/res-${i}.yaml`;
    mkdirSync(path.join(root, path.dirname(rel)), { recursive: true });
    // Non-ASCII text too: the worker gets the text, not bytes, and must write it as UTF-8.
    files.push({ path: rel, content: `kind: ConfigMap # ${i} é ✓\n`.repeat((i % 5) + 1) });
  }
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const base = () => `${root}/`;
const written = () =>
  readdirSync(root).flatMap((d) => readdirSync(path.join(root, d)).map((f) => `${d}/${f}`));

describe("writeFiles", () => {
  for (const [name, options] of Object.entries(EVERY_WAY)) {
    it(`writes every file with its text (${name})`, async () => {
      await writeFiles(base(), files, options);
      for (const f of files) expect(readFileSync(path.join(root, f.path), "utf8")).toBe(f.content);
      expect(written()).toHaveLength(COUNT);
    });
  }

  for (const at of [0, COUNT / 2, COUNT - 1]) {
    for (const [name, options] of Object.entries(EVERY_WAY)) {
      it(`throws the write of file ${at} that fails, with its code and path, and then writes no more (${name})`, async () => {
        files[at] = { path: `missing-folder/res-${at}.yaml`, content: "x\n" };
        const error = (await writeFiles(base(), files, options).catch((e: unknown) => e)) as {
          code?: string;
          path?: string;
        };
        expect(error).toBeInstanceOf(Error);
        expect(error.code).toBe("ENOENT");
        expect(error.path).toBe(path.join(root, `missing-folder/res-${at}.yaml`));
        // Nothing is written once the promise has settled: the caller removes the folders.
        const now = written().length;
        await new Promise((r) => setTimeout(r, 30));
        expect(written()).toHaveLength(now);
        expect(existsSync(path.join(root, "missing-folder"))).toBe(false);
      });
    }
  }

  it("writes every file when both threads write (a list long enough for the worker to join)", async () => {
    const many: FileToWrite[] = [];
    for (let i = 0; i < 8000; i++)
      many.push({ path: `ns-${i % 7}/many-${i}.yaml`, content: `n: ${i}\n` });
    await writeFiles(base(), many, SPLIT);
    for (const f of many) expect(readFileSync(path.join(root, f.path), "utf8")).toBe(f.content);
  });

  it("writes here the chunk a worker that died was writing", async () => {
    // A worker that says it is idle, writes the first file of the first chunk it is sent,
    // and exits: this thread must write that chunk again, and every other file itself.
    const dying = String.raw`
      const { parentPort, workerData } = require("node:worker_threads");
      const fs = require("node:fs");
      const { base, state } = workerData;
      parentPort.on("message", ({ paths }) => {
        fs.writeFileSync(base + paths[0], "half-done\n");
        process.exit(1);
      });
      Atomics.store(state, 0, 1);
    `;
    const many: FileToWrite[] = [];
    for (let i = 0; i < 8000; i++)
      many.push({ path: `ns-${i % 7}/many-${i}.yaml`, content: `n: ${i}\n` });
    await writeFiles(base(), many, { ...SPLIT, workerSource: dying });
    for (const f of many) expect(readFileSync(path.join(root, f.path), "utf8")).toBe(f.content);
  });

  it("writes nothing for an empty list", async () => {
    await writeFiles(base(), [], SPLIT);
    expect(written()).toEqual([]);
  });
});
