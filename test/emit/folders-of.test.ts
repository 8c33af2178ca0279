import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addFolder, ancestors, foldersOf } from "../../src/emit/fs/compare-tree.js";

const segment = fc.constantFrom("a", "b", "c", "d");
const relPath = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join("/"));

describe("foldersOf", () => {
  it("is the set of every path's ancestors, in any order of the paths", () => {
    fc.assert(
      fc.property(fc.array(relPath, { maxLength: 30 }), (paths) => {
        const expected = new Set(paths.flatMap(ancestors));
        expect([...foldersOf(paths)].sort()).toEqual([...expected].sort());
        expect([...foldersOf([...paths].reverse())].sort()).toEqual([...expected].sort());
      }),
    );
  });

  it("addFolder adds a folder with its own folders, also after other paths", () => {
    fc.assert(
      fc.property(fc.array(relPath, { maxLength: 20 }), relPath, (paths, dir) => {
        const folders = foldersOf(paths);
        addFolder(folders, dir);
        const expected = new Set([...paths.flatMap(ancestors), dir, ...ancestors(dir)]);
        expect([...folders].sort()).toEqual([...expected].sort());
      }),
    );
  });
});
