import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { INDEX_PATH, parseIndex, sha256 } from "../../src/emit/ownership-index.js";
import type { IndexEntry, OutputFile, OutputIndex } from "../../src/emit/types.js";
import { writeOutput } from "../../src/emit/write-output.js";
import {
  expectOk,
  file,
  firstBuild,
  identity,
  names,
  OPTIONS,
  PUBLIC_TREE,
  readTree,
  tempDir,
} from "./helpers.js";

const V1: OutputFile[] = [...PUBLIC_TREE, file("default/public/gone.yaml", "gone: 1\n", 9)];

/** A first build of V1 plus a hand-written file and folder; returns the out dir. */
async function setup(): Promise<{ root: string; out: string }> {
  const { root, out } = await firstBuild(V1);
  await writeFile(path.join(out, "NOTES.md"), "mine\n");
  await mkdir(path.join(out, "default/public/by-hand"));
  await writeFile(path.join(out, "default/public/by-hand/x.yaml"), "hand: 1\n");
  return { root, out };
}

async function indexOn(out: string): Promise<OutputIndex> {
  const parsed = parseIndex(await readFile(path.join(out, INDEX_PATH), "utf8"));
  if (typeof parsed === "string") throw new Error(parsed);
  return parsed;
}

describe("writeOutput with kept entries", () => {
  it("keeps them untouched, indexes them as given, prunes the rest and carries hand-written files", async () => {
    const { out } = await setup();
    const a = path.join(out, "default/public/a.yaml");
    const c = path.join(out, "default/public/c.yaml");
    const before = { a: await identity(a), c: await identity(c) };
    // The entries say what the caller knows; a source that differs from the first build's
    // proves the index takes them as given rather than from disk or from the old index.
    const kept: IndexEntry[] = [
      {
        path: "default/public/a.yaml",
        sha256: sha256("a: 1\n"),
        source: { resourceId: "worker:public:a", file: "resources/a.yaml", line: 42 },
      },
      { path: "default/public/c.yaml", sha256: sha256("c: 1\n") },
    ];
    const planned = [V1[0]!, file("default/public/b.yaml", "b: 2\n", 5)];
    const result = expectOk(await writeOutput(out, planned, { ...OPTIONS, kept }));

    expect(result.warnings).toEqual([]);
    expect(result.summary.written).toEqual([INDEX_PATH, "default/public/b.yaml"]);
    expect(result.summary.pruned).toEqual(["default/public/gone.yaml"]);
    expect(result.summary.carried).toEqual(["NOTES.md", "default/public/by-hand/x.yaml"]);
    // kustomization.yaml (compared) plus the two kept files.
    expect(result.summary.unchanged).toBe(3);
    expect(await identity(a)).toBe(before.a);
    expect(await identity(c)).toBe(before.c);

    expect(await readTree(out)).toMatchObject({
      "NOTES.md": "mine\n",
      "default/public/by-hand/x.yaml": "hand: 1\n",
      "default/public/a.yaml": "a: 1\n",
      "default/public/b.yaml": "b: 2\n",
      "default/public/c.yaml": "c: 1\n",
    });
    expect(Object.keys(await readTree(out))).not.toContain("default/public/gone.yaml");
    const index = await indexOn(out);
    expect(index.files).toEqual([
      { path: "default/kustomization.yaml", sha256: sha256(V1[0]!.content), source: V1[0]!.source },
      kept[0],
      { path: "default/public/b.yaml", sha256: sha256("b: 2\n"), source: planned[1]!.source },
      kept[1],
    ]);
  });

  it("does not read kept files: their entries are recorded even when the bytes differ", async () => {
    const { out } = await setup();
    // The caller vouches for a.yaml; what is on disk stays, unread and unrewritten.
    const a = path.join(out, "default/public/a.yaml");
    await writeFile(a, "edited: behind the caller's back\n");
    const before = await identity(a);
    const kept: IndexEntry[] = [{ path: "default/public/a.yaml", sha256: sha256("a: 1\n") }];
    const planned = V1.filter((f) => f.path !== "default/public/a.yaml");
    const result = expectOk(await writeOutput(out, planned, { ...OPTIONS, kept }));
    expect(result.summary.written).toEqual([INDEX_PATH]);
    expect(await identity(a)).toBe(before);
    expect(await readFile(a, "utf8")).toBe("edited: behind the caller's back\n");
    const entry = (await indexOn(out)).files.find((f) => f.path === "default/public/a.yaml");
    expect(entry).toEqual(kept[0]);
  });

  it("throws for a kept path that is not on disk, leaving out/ as it was", async () => {
    const { root, out } = await setup();
    // a.yaml is owned (in the index) but gone: a caller that keeps it has a stale view.
    await rm(path.join(out, "default/public/a.yaml"));
    const tree = await readTree(out);
    const kept: IndexEntry[] = [
      { path: "default/public/a.yaml", sha256: sha256("a: 1\n") },
      { path: "default/public/c.yaml", sha256: sha256("c: 1\n") },
    ];
    const planned = [file("default/public/b.yaml", "b: 2\n", 5)];
    await expect(writeOutput(out, planned, { ...OPTIONS, kept })).rejects.toThrow(
      /default\/public\/a\.yaml .*not on disk/,
    );
    expect(await readTree(out)).toEqual(tree);
    expect(await names(root)).toEqual(["out"]);
  });

  it("refuses a kept path the previous index does not own, writing nothing", async () => {
    const { out } = await setup();
    const tree = await readTree(out);
    const kept: IndexEntry[] = [{ path: "NOTES.md", sha256: sha256("mine\n") }];
    const result = await writeOutput(out, V1, { ...OPTIONS, kept });
    expect(result.ok).toBe(false);
    expect(await readTree(out)).toEqual(tree);
  });
});

describe("writeOutput with the previous index given", () => {
  it("does not read the index on disk: a corrupt one is neither warned about nor distrusted", async () => {
    const { out } = await setup();
    const previous = await indexOn(out);
    await writeFile(path.join(out, INDEX_PATH), "{ not an index");
    const planned = V1.filter((f) => f.path !== "default/public/gone.yaml");
    const result = expectOk(await writeOutput(out, planned, { ...OPTIONS, previous }));
    expect(result.warnings).toEqual([]);
    // Pruning needs ownership: it comes from `previous`, as the disk index is garbage.
    expect(result.summary.pruned).toEqual(["default/public/gone.yaml"]);
    expect(result.summary.written).toEqual([INDEX_PATH]);
    expect((await indexOn(out)).files.map((f) => f.path)).toEqual(planned.map((f) => f.path));
  });

  it("reads the disk index without it (the warning the test above must not see)", async () => {
    const { out } = await setup();
    await writeFile(path.join(out, INDEX_PATH), "{ not an index");
    const planned = V1.filter((f) => f.path !== "default/public/gone.yaml");
    const result = expectOk(await writeOutput(out, planned, OPTIONS));
    expect(result.warnings.map((w) => w.message).join("\n")).toMatch(
      /ownership index .* is ignored/,
    );
    expect(result.summary.pruned).toEqual([]);
  });

  it("does not read the disk index when it is unreadable (a folder in its place)", async () => {
    const { out } = await setup();
    const previous = await indexOn(out);
    const planned = V1.filter((f) => f.path !== "default/public/gone.yaml");
    // Replace the index by something no read can open; the write puts a file back.
    await rm(path.join(out, INDEX_PATH));
    await mkdir(path.join(out, INDEX_PATH));
    const result = expectOk(await writeOutput(out, planned, { ...OPTIONS, previous }));
    expect(result.warnings).toEqual([]);
    expect(result.summary.pruned).toEqual(["default/public/gone.yaml"]);
    expect((await indexOn(out)).files.map((f) => f.path)).toEqual(planned.map((f) => f.path));
  });
});

describe("writeOutput's afterWrite", () => {
  it("runs once, with the new tree in place, and the previous tree is gone after", async () => {
    const { root, out } = await setup();
    const seen: string[] = [];
    const planned = [V1[0]!, file("default/public/b.yaml", "b: 2\n", 5)];
    const result = expectOk(
      await writeOutput(out, planned, {
        ...OPTIONS,
        afterWrite: async (summary) => {
          seen.push(summary.written.join(","));
          seen.push(await readFile(path.join(out, "default/public/b.yaml"), "utf8"));
        },
      }),
    );
    expect(seen).toEqual([result.summary.written.join(","), "b: 2\n"]);
    // Only out/ is left beside the repository's own files: no staged or previous tree.
    expect((await readdir(root)).filter((n) => n.startsWith("out"))).toEqual(["out"]);
    expect(await readTree(out)).toMatchObject({
      "NOTES.md": "mine\n",
      "default/public/by-hand/x.yaml": "hand: 1\n",
    });
  });

  it("runs when nothing had to be written too", async () => {
    const { out } = await setup();
    const calls: number[] = [];
    const result = expectOk(
      await writeOutput(out, V1, {
        ...OPTIONS,
        afterWrite: async (summary) => void calls.push(summary.written.length),
      }),
    );
    expect(result.summary.written).toEqual([]);
    expect(calls).toEqual([0]);
  });

  it("does not run when the write is refused", async () => {
    const { out } = await setup();
    let ran = false;
    const result = await writeOutput(out, [file("NOTES.md", "generated\n", 1)], {
      ...OPTIONS,
      afterWrite: async () => void (ran = true),
    });
    expect(result.ok).toBe(false);
    expect(ran).toBe(false);
  });
});
