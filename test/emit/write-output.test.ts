import { lstat, mkdir, readFile, readlink, rename, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stageTree } from "../../src/emit/fs/stage-tree.js";
import { makeStagingDir, markReady, recoverOutput } from "../../src/emit/fs/swap-tree.js";
import { INDEX_PATH, parseIndex, sha256 } from "../../src/emit/ownership-index.js";
import type { OutputFile } from "../../src/emit/types.js";
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

const V1 = PUBLIC_TREE;

const setup = () => firstBuild(V1);

describe("writeOutput", () => {
  it("writes a first build with its ownership index and leaves no sibling behind", async () => {
    const root = await tempDir();
    const out = path.join(root, "out");
    const result = expectOk(await writeOutput(out, V1, OPTIONS));
    expect(result.summary).toEqual({
      written: [INDEX_PATH, ...V1.map((f) => f.path)].sort(),
      unchanged: 0,
      pruned: [],
      carried: [],
    });
    expect(result.warnings).toEqual([]);
    const tree = await readTree(out);
    expect(Object.keys(tree)).toEqual([INDEX_PATH, ...V1.map((f) => f.path)].sort());
    expect(JSON.parse(tree[INDEX_PATH] ?? "")).toEqual({
      formatVersion: 1,
      compilerVersion: "1.2.3",
      files: V1.map((f) => ({ path: f.path, sha256: sha256(f.content), source: f.source })),
    });
    expect(tree[INDEX_PATH]?.endsWith("}\n")).toBe(true);
    expect(await names(root)).toEqual(["out"]);
  });

  it("keeps an empty folder nested in a folder of nothing else (its parent is made too)", async () => {
    const { out } = await setup();
    await mkdir(path.join(out, "by-hand/empty"), { recursive: true });
    const v2 = [V1[0], V1[1], file("default/public/b.yaml", "b: 2\n", 5)] as OutputFile[];
    expectOk(await writeOutput(out, v2, OPTIONS));
    expect(await names(path.join(out, "by-hand"))).toEqual(["empty"]);
  });

  it("rewrites only what changed, keeps hand-written files and prunes removed owned files", async () => {
    const { root, out } = await setup();
    await writeFile(path.join(out, "NOTES.md"), "mine\n");
    await writeFile(path.join(out, "default/public/extra.yaml"), "hand: written\n");
    await mkdir(path.join(out, "default/empty-by-hand"));
    const before = {
      a: await identity(path.join(out, "default/public/a.yaml")),
      notes: await identity(path.join(out, "NOTES.md")),
      extra: await identity(path.join(out, "default/public/extra.yaml")),
    };
    const v2 = [V1[0], V1[1], file("default/public/b.yaml", "b: 2\n", 5)] as OutputFile[];
    const result = expectOk(await writeOutput(out, v2, OPTIONS));
    expect(result.summary).toEqual({
      written: [INDEX_PATH, "default/public/b.yaml"],
      unchanged: 2,
      pruned: ["default/public/c.yaml"],
      carried: ["NOTES.md", "default/public/extra.yaml"],
    });
    expect(await readTree(out)).toMatchObject({
      "NOTES.md": "mine\n",
      "default/public/b.yaml": "b: 2\n",
      "default/public/extra.yaml": "hand: written\n",
    });
    expect(Object.keys(await readTree(out))).not.toContain("default/public/c.yaml");
    expect(await names(path.join(out, "default"))).toContain("empty-by-hand");
    expect(await identity(path.join(out, "default/public/a.yaml"))).toBe(before.a);
    expect(await identity(path.join(out, "NOTES.md"))).toBe(before.notes);
    expect(await identity(path.join(out, "default/public/extra.yaml"))).toBe(before.extra);
    expect(await names(root)).toEqual(["out"]);
  });

  it("touches nothing when the output is already up to date", async () => {
    const { out } = await setup();
    const before = await identity(out);
    const result = expectOk(await writeOutput(out, V1, OPTIONS));
    expect(result.summary).toEqual({ written: [], unchanged: 5, pruned: [], carried: [] });
    expect(await identity(out)).toBe(before);
  });

  it("rewrites an index whose entries are right but whose bytes are not", async () => {
    const { out } = await setup();
    const indexPath = path.join(out, INDEX_PATH);
    const written = await readFile(indexPath, "utf8");
    await writeFile(indexPath, JSON.stringify(JSON.parse(written)));
    const result = expectOk(await writeOutput(out, V1, OPTIONS));
    expect(result.summary).toEqual({
      written: [INDEX_PATH],
      unchanged: 4,
      pruned: [],
      carried: [],
    });
    expect(await readFile(indexPath, "utf8")).toBe(written);
  });

  it("prunes nothing and warns when the index is corrupted, then writes a fresh index", async () => {
    const { out } = await setup();
    await writeFile(path.join(out, INDEX_PATH), "{ not json");
    const result = expectOk(await writeOutput(out, V1.slice(0, 2), OPTIONS));
    expect(result.warnings.map((w) => [w.code, w.severity])).toEqual([
      ["FILE_UNREADABLE", "warning"],
    ]);
    expect(result.warnings[0]?.message).toMatch(/out\/\.stackyard\/index\.json .*not valid JSON/);
    expect(result.summary.pruned).toEqual([]);
    expect(result.summary.carried).toEqual(["default/public/b.yaml", "default/public/c.yaml"]);
    const index = parseIndex(await readFile(path.join(out, INDEX_PATH), "utf8"));
    expect(typeof index === "string" ? index : index.files.map((f) => f.path)).toEqual(
      V1.slice(0, 2).map((f) => f.path),
    );
  });

  it("does not trust an index of an unknown format version", async () => {
    const { out } = await setup();
    const index = JSON.parse(await readFile(path.join(out, INDEX_PATH), "utf8"));
    await writeFile(path.join(out, INDEX_PATH), JSON.stringify({ ...index, formatVersion: 99 }));
    const result = expectOk(await writeOutput(out, V1.slice(0, 3), OPTIONS));
    expect(result.warnings[0]?.message).toMatch(/format version 99/);
    expect(result.summary.pruned).toEqual([]);
  });

  it("refuses to overwrite a hand-written file at a generated path and leaves out/ as it was", async () => {
    const { out } = await setup();
    await writeFile(path.join(out, "default/public/d.yaml"), "mine\n");
    const before = await readTree(out);
    const result = await writeOutput(
      out,
      [...V1, file("default/public/d.yaml", "d: 1\n", 9)],
      OPTIONS,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "OUTPUT_CONFLICT",
        file: "res.yaml",
        message: expect.stringContaining("out/default/public/d.yaml"),
      }),
    ]);
    expect(await readTree(out)).toEqual(before);
  });

  it("refuses a generated file where a folder holds only a hand-made empty folder", async () => {
    const { root, out } = await setup();
    await mkdir(path.join(out, "by-hand/empty"), { recursive: true });
    const before = await readTree(out);
    for (const commit of ["patch", "swap"] as const) {
      const result = await writeOutput(out, [...V1, file("by-hand", "b: 1\n", 9)], {
        ...OPTIONS,
        commit,
      });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.diagnostics).toEqual([
        expect.objectContaining({
          code: "OUTPUT_CONFLICT",
          message: expect.stringContaining(
            "out/by-hand is a folder stackyard does not own, in the way of generated output (from r:by-hand, line 9)",
          ),
        }),
      ]);
      expect(await readTree(out)).toEqual(before);
      expect(await names(path.join(out, "by-hand"))).toEqual(["empty"]);
      expect(await names(root)).toEqual(["out"]);
    }
  });

  it("leaves out/ exactly as it was when staging fails, and cleans up", async () => {
    const { root, out } = await setup();
    const before = await readTree(out);
    const outInode = await identity(out);
    // A path that must be both a file and a folder makes the staged write fail midway.
    const broken = [
      ...V1,
      file("default/public/x.yaml", "x\n"),
      file("default/public/x.yaml/y.yaml", "y\n"),
    ];
    await expect(writeOutput(out, broken, OPTIONS)).rejects.toThrow();
    expect(await readTree(out)).toEqual(before);
    expect(await identity(out)).toBe(outInode);
    expect(await names(root)).toEqual(["out"]);
  });

  it("keeps hand-made symlinks as links with the same target", async () => {
    const { out } = await setup();
    await symlink("../../NOTES.md", path.join(out, "default/public/link.md"));
    const result = expectOk(await writeOutput(out, V1.slice(0, 3), OPTIONS));
    expect(result.summary.carried).toEqual(["default/public/link.md"]);
    expect(await readlink(path.join(out, "default/public/link.md"))).toBe("../../NOTES.md");
  });

  it("replaces a symlinked out dir at its target, keeping the link", async () => {
    const root = await tempDir();
    await mkdir(path.join(root, "real"));
    await symlink("real", path.join(root, "out"));
    expectOk(await writeOutput(path.join(root, "out"), V1, OPTIONS));
    expect((await lstat(path.join(root, "out"))).isSymbolicLink()).toBe(true);
    expect(Object.keys(await readTree(path.join(root, "real")))).toContain("default/public/a.yaml");
    expect(await names(root)).toEqual(["out", "real"]);
    // A small change patches the target in place (patch-tree.ts), the link staying a link.
    const v2 = [...V1.slice(0, 3), file("default/public/c.yaml", "c: 2\n", 7)];
    expectOk(await writeOutput(path.join(root, "out"), v2, { ...OPTIONS, commit: "patch" }));
    expect((await lstat(path.join(root, "out"))).isSymbolicLink()).toBe(true);
    expect((await readTree(path.join(root, "real")))["default/public/c.yaml"]).toBe("c: 2\n");
    expect(await names(root)).toEqual(["out", "real"]);
  });
});

describe("crash recovery", () => {
  async function stageV2(out: string): Promise<string> {
    const staging = await makeStagingDir(out);
    stageTree(out, staging, {
      write: [file("default/public/a.yaml", "a: 2\n")],
      keep: [],
      symlinks: [],
      emptyDirs: [],
    });
    return staging;
  }

  it("finishes a swap that crashed between its two renames", async () => {
    const { root, out } = await setup();
    const ready = await markReady(out, await stageV2(out));
    await rename(out, `${out}.stackyard-old-crashed`);
    expect(await names(root)).not.toContain("out");
    const actions = await recoverOutput(out);
    expect(actions).toEqual([
      `restored out from ${path.basename(ready)}`,
      "removed out.stackyard-old-crashed",
    ]);
    expect(await readTree(out)).toEqual({ "default/public/a.yaml": "a: 2\n" });
    expect(await names(root)).toEqual(["out"]);
  });

  it("never swaps in an incomplete staged tree and keeps the current out/", async () => {
    const { root, out } = await setup();
    const before = await readTree(out);
    await stageV2(out); // crashed before it was marked ready
    await markReady(out, await stageV2(out)); // crashed after ready, before out was moved
    const result = expectOk(await writeOutput(out, V1, OPTIONS));
    expect(result.summary.written).toEqual([]);
    expect(await readTree(out)).toEqual(before);
    expect(await names(root)).toEqual(["out"]);
  });

  it("restores the previous tree when out/ is gone and only the old tree is left", async () => {
    const { root, out } = await setup();
    const before = await readTree(out);
    await stageV2(out); // incomplete
    await rename(out, `${out}.stackyard-old-x`);
    await recoverOutput(out);
    expect(await readTree(out)).toEqual(before);
    expect(await names(root)).toEqual(["out"]);
  });
});
