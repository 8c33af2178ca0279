import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldersOnDisk } from "../../src/emit/fs/compare-tree.js";
import {
  journalSteps,
  patchTree,
  preparePatch,
  rollBack,
  type PatchPlan,
  type PreparedPatch,
} from "../../src/emit/fs/patch-tree.js";
import { recoverOutput } from "../../src/emit/fs/swap-tree.js";
import { walkTree } from "../../src/emit/fs/walk-tree.js";
import type { OutputFile } from "../../src/emit/types.js";
import { writeOutput } from "../../src/emit/write-output.js";
import { expectOk, file, names, OPTIONS, tempDir } from "./helpers.js";
import { addByHand, BY_HAND, copyOut, FILES, snapshot } from "./random-trees.js";

describe("a patch of out/ in place", () => {
  it("leaves out/ exactly as a swap of a new tree does, keeping unchanged files' inodes", async () => {
    let patched = 0;
    let writing = 0;
    await fc.assert(
      fc.asyncProperty(FILES, BY_HAND, FILES, async (v1, hand, v2) => {
        const base = await tempDir();
        const out = path.join(base, "out");
        expectOk(await writeOutput(out, v1, OPTIONS));
        addByHand(out, hand);
        const swap = await copyOut(out);
        const patch = await copyOut(out);
        const inodes = (dir: string) =>
          new Map([...walkTree(dir).files].map((p) => [p, statSync(path.join(dir, p)).ino]));
        const before = inodes(patch.out);
        const outIno = statSync(patch.out).ino;
        const swapped = await writeOutput(swap.out, v2, { ...OPTIONS, commit: "swap" });
        const patchedResult = await writeOutput(patch.out, v2, { ...OPTIONS, commit: "patch" });
        expect(patchedResult).toEqual(swapped);
        expect(snapshot(patch.out)).toEqual(snapshot(swap.out));
        expect(await names(patch.root)).toEqual(["out"]);
        if (!patchedResult.ok) return;
        const after = inodes(patch.out);
        const { written } = patchedResult.summary;
        for (const [p, ino] of after) if (!written.includes(p)) expect(ino).toBe(before.get(p));
        if (written.length === 0) return;
        writing++;
        if (statSync(patch.out).ino === outIno) patched++;
      }),
      { numRuns: 400, seed: 0x9a7c4 },
    );
    // Most writes take the patch (the others put a new file where a folder was: a swap).
    expect(patched).toBeGreaterThan(writing / 2);
  }, 120_000);
});

/**
 * Version 1 of out/, with files by hand, and a patch to version 2: a changed file, a pruned
 * one, a folder left empty, a pruned file where a folder is needed, new folders.
 */
async function scenario(): Promise<{ out: string; plan: PatchPlan; v2: Record<string, string> }> {
  const root = await tempDir();
  const out = path.join(root, "out");
  const v1: OutputFile[] = [
    file("default/kustomization.yaml", "resources: [public]\n"),
    file("default/public/a.yaml", "a: 1\n"),
    file("default/public/b.yaml", "b: 1\n"),
    file("gone/only.yaml", "only: 1\n"),
    file("x", "x is a file\n"),
  ];
  expectOk(await writeOutput(out, v1, OPTIONS));
  rmSync(path.join(out, ".stackyard"), { recursive: true }); // the index is not the point here
  addByHand(out, {
    replaced: [],
    files: { "NOTES.md": "mine\n" },
    symlinks: { "default/public/link": "a.yaml" },
    emptyDirs: ["default/empty"],
  });
  const plan: PatchPlan = {
    write: [
      file("default/public/a.yaml", "a: 2\n"),
      file("x/y.yaml", "x is a folder\n"),
      file("new/deep/f.yaml", "f: 1\n"),
    ],
    remove: ["default/public/a.yaml", "default/public/b.yaml", "gone/only.yaml", "x"],
  };
  const v2 = snapshot(out);
  for (const p of plan.remove) delete v2[p];
  for (const f of plan.write) v2[f.path] = f.content;
  return { out, plan, v2 };
}

const foldersOf = (out: string) => foldersOnDisk(walkTree(out));

/**
 * A copy of `out` with `plan` prepared and the first `steps` steps of its journal done, as a
 * build killed right after them leaves it; `count` is how many steps the journal has.
 */
async function patchedPart(
  out: string,
  plan: PatchPlan,
  steps: number,
): Promise<{ root: string; out: string; prepared: PreparedPatch; count: number }> {
  const copy = await copyOut(out);
  const prepared = await preparePatch(copy.out, plan, foldersOf(copy.out));
  const all = journalSteps(prepared, true);
  for (const step of all.slice(0, steps)) step();
  return { ...copy, prepared, count: all.length };
}

describe("a patch interrupted", () => {
  it("at any step is finished by the next run's recovery", async () => {
    const { out, plan, v2 } = await scenario();
    const { count } = await patchedPart(out, plan, 0);
    expect(count).toBeGreaterThan(8);
    for (let k = 0; k <= count; k++) {
      const { root, out: copy } = await patchedPart(out, plan, k);
      expect(await names(root)).not.toContain("out");
      const actions = await recoverOutput(copy);
      expect(actions[0], `after ${k} steps`).toMatch(/^finished the interrupted write of out/);
      expect(snapshot(copy), `after ${k} steps`).toEqual(v2);
      expect(await names(root)).toEqual(["out"]);
    }
  });

  it("at any step is undone by a roll-back, and a crash during the roll-back is finished", async () => {
    const { out, plan, v2 } = await scenario();
    const v1 = snapshot(out);
    const { count } = await patchedPart(out, plan, 0);
    for (let k = 0; k <= count; k++) {
      const undone = await patchedPart(out, plan, k);
      rollBack(undone.prepared);
      renameSync(undone.prepared.patching, undone.out);
      expect(snapshot(undone.out), `undone after ${k} steps`).toEqual(v1);

      // Killed after the roll-back, before out/ was renamed back: the replay goes forward.
      const killed = await patchedPart(out, plan, k);
      rollBack(killed.prepared);
      await recoverOutput(killed.out);
      expect(snapshot(killed.out), `rolled back after ${k} steps, then recovered`).toEqual(v2);
      expect(await names(killed.root)).toEqual(["out"]);
    }
  });

  it("before out/ was renamed leaves out/ as it was; the patch is removed", async () => {
    const { out, plan } = await scenario();
    const v1 = snapshot(out);
    const prepared = await preparePatch(out, plan, foldersOf(out));
    renameSync(prepared.patching, out); // as if killed just before the rename
    expect(await recoverOutput(out)).toEqual([`removed ${path.basename(prepared.patch)}`]);
    expect(snapshot(out)).toEqual(v1);
    expect(await names(path.dirname(out))).toEqual(["out"]);
  });

  it("with its journal lost is put back as the tree it is", async () => {
    const { out, plan } = await scenario();
    const v1 = snapshot(out);
    const prepared = await preparePatch(out, plan, foldersOf(out));
    rmSync(path.join(prepared.patch, "journal.json"));
    const actions = await recoverOutput(out);
    expect(actions[0]).toMatch(
      /^restored out from out\.stackyard-patching-.*without its patch's journal$/,
    );
    expect(snapshot(out)).toEqual(v1);
    expect(await names(path.dirname(out))).toEqual(["out"]);
  });

  it("with a journal naming a path outside the tree is put back as it is, nothing moved", async () => {
    const { out, plan } = await scenario();
    const v1 = snapshot(out);
    const prepared = await preparePatch(out, plan, foldersOf(out));
    const journal = path.join(prepared.patch, "journal.json");
    const text = readFileSync(journal, "utf8");
    writeFileSync(journal, text.replace('"moves":["', '"moves":["../../escape","'));
    const actions = await recoverOutput(out);
    expect(actions[0]).toMatch(/without its patch's journal$/);
    expect(snapshot(out)).toEqual(v1);
  });

  it("by an error is undone: out/ is as it was, the error thrown, no patch left", async () => {
    const { out } = await scenario();
    const v1 = snapshot(out);
    // A new file planned where a folder is, which the plan does not remove: its rename fails
    // after the pruned file was set aside.
    const plan: PatchPlan = {
      write: [file("default/public", "in the way\n"), file("zz.yaml", "z\n")],
      remove: ["default/public/b.yaml"],
    };
    await expect(patchTree(out, plan, foldersOf(out))).rejects.toMatchObject({
      code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST)$/),
    });
    expect(snapshot(out)).toEqual(v1);
    expect(await names(path.dirname(out))).toEqual(["out"]);
  });
});
