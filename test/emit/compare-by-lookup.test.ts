import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareByLookup, compareTree, foldersOnDisk } from "../../src/emit/fs/compare-tree.js";
import { walkTree } from "../../src/emit/fs/walk-tree.js";
import { buildIndex, indexFileOf, readIndex } from "../../src/emit/ownership-index.js";
import type { IndexEntry } from "../../src/emit/types.js";
import { writeOutput } from "../../src/emit/write-output.js";
import { expectOk, names, OPTIONS, tempDir } from "./helpers.js";
import { addByHand, BY_HAND, copyOut, FILES, snapshot } from "./random-trees.js";

describe("compareByLookup", () => {
  it("answers as compareTree does with out/'s listing, or leaves it to it", async () => {
    let answered = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        FILES,
        BY_HAND,
        FILES,
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        async (v1, hand, v2, keepIt) => {
          const base = await tempDir();
          const out = path.join(base, "out");
          expectOk(await writeOutput(out, v1, OPTIONS));
          addByHand(out, hand);
          runs++;
          const { index: previous } = await readIndex(out);
          if (previous === undefined) throw new Error("no index after a build");
          // As an incremental build does: some files the previous build wrote with these bytes
          // are kept (the caller verified them on disk); the others are planned.
          const onDisk = (p: string) => {
            try {
              return readFileSync(path.join(out, p), "utf8");
            } catch {
              return undefined;
            }
          };
          const kept: IndexEntry[] = [];
          const files = v2.filter((f, i) => {
            const entry = previous.files.find((e) => e.path === f.path);
            if (entry === undefined || !keepIt[i] || onDisk(f.path) !== f.content) return true;
            kept.push(entry);
            return false;
          });
          const planned = [...files, indexFileOf(buildIndex(files, OPTIONS.compilerVersion, kept))];
          const keptPaths = kept.map((e) => e.path);
          const disk = walkTree(out);
          const listed = compareTree(out, planned, previous, disk, keptPaths);
          const looked = compareByLookup(out, planned, previous, keptPaths);
          if (looked === undefined) return;
          answered++;
          expect(listed.blocked).toEqual([]);
          expect(looked.comparison).toEqual({ ...listed, carried: [], carriedEmptyDirs: [] });
          const folders = foldersOnDisk(disk);
          for (const f of looked.folders) expect(folders.has(f)).toBe(true);

          // And a write with these kept files: patched after a lookup, or swapped after a listing.
          const patched = await copyOut(out);
          const swapped = await copyOut(out);
          const viaLookup = await writeOutput(patched.out, files, {
            ...OPTIONS,
            kept,
            commit: "patch",
          });
          const viaListing = await writeOutput(swapped.out, files, {
            ...OPTIONS,
            kept,
            commit: "swap",
          });
          expect(viaLookup.ok && viaListing.ok).toBe(true);
          if (!viaLookup.ok || !viaListing.ok) return;
          expect({ ...viaLookup.summary, carried: [] }).toEqual({
            ...viaListing.summary,
            carried: [],
          });
          expect(snapshot(patched.out)).toEqual(snapshot(swapped.out));
          expect(await names(patched.root)).toEqual(["out"]);
        },
      ),
      { numRuns: 400, seed: 0x10c4 },
    );
    // The lookup answers many writes (the others have a folder, a file or a link in the way).
    expect(answered).toBeGreaterThan(runs / 4);
  }, 120_000);
});
