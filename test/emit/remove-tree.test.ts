import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { removeTree } from "../../src/emit/fs/remove-tree.js";
import { walkTree } from "../../src/emit/fs/walk-tree.js";

let base: string;
beforeEach(async () => {
  base = await mkdtemp(path.join(tmpdir(), "remove-tree-"));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe("removeTree", () => {
  it("removes nested folders and files", async () => {
    const tree = path.join(base, "tree");
    await mkdir(path.join(tree, "a/b/c"), { recursive: true });
    await writeFile(path.join(tree, "a/b/c/f.yaml"), "x");
    await writeFile(path.join(tree, "a/g.yaml"), "y");
    await mkdir(path.join(tree, "empty"));
    await removeTree(tree);
    expect(existsSync(tree)).toBe(false);
  });

  it.each([
    ["by walking it", false],
    ["by its listing", true],
  ])("removes symlinks without following them, %s", async (_how, listed) => {
    const outside = path.join(base, "outside");
    await mkdir(outside);
    await writeFile(path.join(outside, "keep.txt"), "precious");
    const tree = path.join(base, "tree");
    await mkdir(tree);
    await symlink(outside, path.join(tree, "to-folder"));
    await symlink(path.join(outside, "keep.txt"), path.join(tree, "to-file"));
    await removeTree(tree, listed ? walkTree(tree) : undefined);
    expect(existsSync(tree)).toBe(false);
    expect(await readFile(path.join(outside, "keep.txt"), "utf8")).toBe("precious");
  });

  it("is fine with a folder that does not exist", async () => {
    await expect(removeTree(path.join(base, "missing"))).resolves.toBeUndefined();
  });

  it("removes a tree by its listing, also a file added or removed after the listing", async () => {
    const tree = path.join(base, "tree");
    await mkdir(path.join(tree, "a/b/c"), { recursive: true });
    await mkdir(path.join(tree, "empty/nested"), { recursive: true });
    await writeFile(path.join(tree, "a/b/c/f.yaml"), "x");
    await writeFile(path.join(tree, "a/g.yaml"), "y");
    await writeFile(path.join(tree, "top.yaml"), "z");
    const listing = walkTree(tree);
    await removeTree(tree, listing);
    expect(existsSync(tree)).toBe(false);

    await mkdir(path.join(tree, "a/b"), { recursive: true });
    await writeFile(path.join(tree, "a/b/f.yaml"), "x");
    await writeFile(path.join(tree, "a/gone.yaml"), "y");
    const stale = walkTree(tree);
    await writeFile(path.join(tree, "a/b/new.yaml"), "added since");
    await rm(path.join(tree, "a/gone.yaml"));
    await removeTree(tree, stale);
    expect(existsSync(tree)).toBe(false);
  });
});
