import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startCalls, type CallList, type CallOptions } from "../../src/emit/fs/parallel-calls.js";

// A worker shares the calls from `splitAt` paths on, by chunks; these tests lower both so that
// the two threads share 19 chunks of 300 files. This thread usually makes all the calls before
// the worker has loaded, so WORKER leaves them all to the worker, to check its side too.
const FILES = 300;
const ONE: CallOptions = {};
const SPLIT: CallOptions = { splitAt: 10, chunkSize: 16 };
const WORKER: CallOptions = { ...SPLIT, workerOnly: true };
const EVERY_WAY = { ONE, SPLIT, WORKER };

let root: string;
let tree: string;
let paths: string[];
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "parallel-calls-"));
  tree = path.join(root, "tree");
  paths = [];
  for (let i = 0; i < FILES; i++) {
    const rel = `ns-${i % 7}/res-${i}/object.yaml`;
    mkdirSync(path.join(tree, path.dirname(rel)), { recursive: true });
    writeFileSync(path.join(tree, rel), `kind: ConfigMap # ${i}\n`);
    paths.push(rel);
  }
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const run = (list: CallList, options: CallOptions) => startCalls(list, options).finish();

describe("same-stat calls", () => {
  const sameStat = (): Extract<CallList, { kind: "same-stat" }> => {
    const st = paths.map((p) => lstatSync(path.join(tree, p)));
    return {
      kind: "same-stat",
      base: `${tree}/`,
      paths,
      sizes: st.map((s) => s.size),
      mtimes: st.map((s) => s.mtimeMs),
    };
  };
  /** Moves a file's mtime away from the recorded one; its bytes stay the same. */
  const touch = (rel: string) =>
    utimes(path.join(tree, rel), new Date(2000, 0, 1), new Date(2000, 0, 1));

  it("hold for an untouched tree, on one thread, on two, and on the worker alone", async () => {
    const list = sameStat();
    for (const options of Object.values(EVERY_WAY))
      expect(await run(list, options)).toEqual({ ok: true });
    const empty: CallList = { ...list, paths: [], sizes: [], mtimes: [] };
    expect(await run(empty, SPLIT)).toEqual({ ok: true });
  });

  it("say whether a worker shares them: from `splitAt` paths on", async () => {
    for (const [options, shared] of [
      [ONE, false],
      [SPLIT, true],
      [{ splitAt: FILES + 1 }, false],
    ] as const) {
      const calls = startCalls(sameStat(), options);
      expect(calls.shared).toBe(shared);
      expect(await calls.finish()).toEqual({ ok: true });
    }
  });

  // The first file is in this thread's first chunk; the others are in chunks either thread may
  // claim. Each change must be caught wherever it is, by either thread.
  for (const at of [0, Math.floor(FILES / 2), FILES - 1]) {
    it(`see file ${at} touched, removed or replaced by a symlink`, async () => {
      const list = sameStat();
      const rel = paths[at]!;
      const abs = path.join(tree, rel);
      const differs = async () => {
        for (const [name, options] of Object.entries(EVERY_WAY))
          expect(await run(list, options), name).toEqual({ ok: false, differs: true });
      };
      await touch(rel);
      await differs();
      await rm(abs);
      await differs();
      await symlink(path.join(tree, paths[(at + 1) % FILES]!), abs);
      await differs();
    });
  }

  it("see a size change with the mtime kept, and a folder where a file was", async () => {
    const list = sameStat();
    const abs = path.join(tree, paths[FILES - 2]!);
    const before = lstatSync(abs);
    await writeFile(abs, "kind: ConfigMap # longer than before\n");
    await utimes(abs, before.atime, before.mtime);
    expect(await run(list, WORKER)).toEqual({ ok: false, differs: true });
    await rm(path.join(tree, paths[FILES - 3]!));
    await mkdir(path.join(tree, paths[FILES - 3]!));
    expect(await run({ ...list, paths: paths.slice(0, FILES - 2) }, WORKER)).toEqual({
      ok: false,
      differs: true,
    });
  });

  it("give the same answer run after run (the threads share the chunks differently)", async () => {
    const list = sameStat();
    await touch(paths[234]!);
    const answers = await Promise.all(Array.from({ length: 6 }, () => run(list, SPLIT)));
    expect(answers).toEqual(Array(6).fill({ ok: false, differs: true }));
  });
});

describe("same-content calls", () => {
  const sameContent = (): Extract<CallList, { kind: "same-content" }> => {
    const st = paths.map((p) => lstatSync(path.join(tree, p)));
    const sha = (p: string) =>
      createHash("sha256")
        .update(readFileSync(path.join(tree, p)))
        .digest("hex");
    return {
      kind: "same-content",
      base: `${tree}/`,
      paths,
      sizes: st.map((s) => s.size),
      mtimes: st.map((s) => s.mtimeMs),
      shas: paths.map(sha).join(""),
      found: new Float64Array(new SharedArrayBuffer(16 * paths.length)),
    };
  };
  const later = new Date(Date.now() + 3_600_000);
  const retime = async () => {
    for (const p of paths) await utimes(path.join(tree, p), later, later);
  };

  it("hold for files whose mtimes changed and bytes did not, and report their stats", async () => {
    const list = sameContent();
    await retime();
    for (const [name, options] of Object.entries(EVERY_WAY)) {
      list.found.fill(0);
      expect(await run(list, options), name).toEqual({ ok: true });
      const st = lstatSync(path.join(tree, paths[FILES - 1]!));
      expect([...list.found.slice(-2)], name).toEqual([st.size, st.mtimeMs]);
      expect(
        list.found.every((n) => n > 0),
        name,
      ).toBe(true);
    }
  });

  for (const at of [0, Math.floor(FILES / 2), FILES - 1]) {
    it(`see file ${at} with other bytes of the same size, removed or a symlink`, async () => {
      const list = sameContent();
      const abs = path.join(tree, paths[at]!);
      const differs = async () => {
        for (const [name, options] of Object.entries(EVERY_WAY))
          expect(await run(list, options), name).toEqual({ ok: false, differs: true });
      };
      const text = readFileSync(abs, "utf8");
      await writeFile(abs, text.replace("ConfigMap", "ConfigMaq"));
      await differs();
      // The same bytes back, with the recorded mtime: nothing to see.
      await writeFile(abs, text);
      await utimes(abs, new Date(list.mtimes[at]!), new Date(list.mtimes[at]!));
      for (const [name, options] of Object.entries(EVERY_WAY))
        expect(await run(list, options), name).toEqual({ ok: true });
      await rm(abs);
      await differs();
      await symlink(path.join(tree, paths[(at + 1) % FILES]!), abs);
      await differs();
    });
  }
});

describe("stat calls", () => {
  const statList = (): Extract<CallList, { kind: "stat" }> => ({
    kind: "stat",
    base: `${tree}/`,
    paths,
    found: new Float64Array(new SharedArrayBuffer(16 * paths.length)),
  });

  for (const [name, options] of Object.entries(EVERY_WAY)) {
    it(`give every file's size and mtime, in the order of the paths (${name})`, async () => {
      // Sizes and mtimes that differ from file to file, so a stat in the wrong slot shows.
      for (const [i, p] of paths.entries()) {
        writeFileSync(path.join(tree, p), "x".repeat(i + 1));
        await utimes(
          path.join(tree, p),
          new Date(1_000_000 * (i + 1)),
          new Date(1_000_000 * (i + 1)),
        );
      }
      const list = statList();
      expect(await run(list, options)).toEqual({ ok: true });
      const expected = paths.flatMap((p) => {
        const st = lstatSync(path.join(tree, p));
        return [st.size, st.mtimeMs];
      });
      expect([...list.found]).toEqual(expected);
    });
  }

  it("stop at a missing file, and name it", async () => {
    await rm(path.join(tree, paths[200]!));
    for (const options of [SPLIT, WORKER])
      expect(await run(statList(), options)).toMatchObject({
        ok: false,
        error: { code: "ENOENT" },
      });
    expect(await run(statList(), ONE)).toMatchObject({
      error: { code: "ENOENT", path: paths[200] },
    });
  });
});

describe("link calls", () => {
  /** An empty copy of the tree's folders, to link into. */
  function folders(): string {
    const to = path.join(root, "staged");
    for (const p of paths) mkdirSync(path.join(to, path.dirname(p)), { recursive: true });
    return to;
  }

  for (const [name, options] of Object.entries(EVERY_WAY)) {
    it(`link every file to the same inode (${name})`, async () => {
      const to = folders();
      const outcome = await run({ kind: "link", base: `${tree}/`, to: `${to}/`, paths }, options);
      expect(outcome).toEqual({ ok: true });
      for (const p of paths) {
        expect(statSync(path.join(to, p)).ino).toBe(statSync(path.join(tree, p)).ino);
      }
    });
  }

  it("stop at a file that cannot be linked, and name it", async () => {
    const to = folders();
    await rm(path.join(tree, paths[200]!));
    for (const options of [SPLIT, WORKER]) {
      const outcome = await run({ kind: "link", base: `${tree}/`, to: `${to}/`, paths }, options);
      expect(outcome).toMatchObject({ ok: false, differs: false, error: { code: "ENOENT" } });
      await rm(to, { recursive: true });
      folders();
    }
    const outcome = await run({ kind: "link", base: `${tree}/`, to: `${to}/`, paths }, ONE);
    expect(outcome).toMatchObject({ error: { code: "ENOENT", path: paths[200] } });
  });
  it("stop for good when cancelled: nothing is linked after cancel resolves", async () => {
    const to = folders();
    const calls = startCalls({ kind: "link", base: `${tree}/`, to: `${to}/`, paths }, SPLIT);
    await calls.cancel();
    const count = () => paths.filter((p) => existsSync(path.join(to, p))).length;
    const after = count();
    await new Promise((r) => setTimeout(r, 100));
    expect(count()).toBe(after);
  });
});

describe("unlink calls", () => {
  for (const [name, options] of Object.entries(EVERY_WAY)) {
    it(`remove every file, and take one already gone in stride (${name})`, async () => {
      await rm(path.join(tree, paths[150]!));
      const keep = path.join(tree, "ns-0/hand-made.yaml");
      await writeFile(keep, "kept\n");
      expect(await run({ kind: "unlink", base: `${tree}/`, paths }, options)).toEqual({ ok: true });
      for (const p of paths) expect(existsSync(path.join(tree, p))).toBe(false);
      expect(readFileSync(keep, "utf8")).toBe("kept\n");
    });
  }

  it("remove a symlink, never what it points to", async () => {
    const outside = path.join(root, "outside.txt");
    await writeFile(outside, "precious");
    await rm(path.join(tree, paths[3]!));
    await symlink(outside, path.join(tree, paths[3]!));
    expect(await run({ kind: "unlink", base: `${tree}/`, paths }, WORKER)).toEqual({ ok: true });
    expect(readFileSync(outside, "utf8")).toBe("precious");
  });

  it("report a path that is a folder", async () => {
    const rel = paths[299]!;
    await rm(path.join(tree, rel));
    await mkdir(path.join(tree, rel));
    const outcome = await run({ kind: "unlink", base: `${tree}/`, paths }, WORKER);
    expect(outcome).toMatchObject({ ok: false, differs: false, error: { path: rel } });
  });
});
