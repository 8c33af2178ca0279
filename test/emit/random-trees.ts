import {
  cpSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { file, tempDir } from "./helpers.js";

// Random out/ trees for the property tests of writes: the files of two builds, and what a user
// put in out/ by hand between them (files, an owned file edited or replaced by a folder, symbolic
// links, empty folders).

/** Everything under a folder: files with their text, symlinks with their target, empty folders. */
export function snapshot(
  dir: string,
  rel = "",
  into: Record<string, string> = {},
): Record<string, string> {
  const entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
  if (entries.length === 0 && rel !== "") into[rel] = "<empty folder>";
  for (const e of entries) {
    const p = rel === "" ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) snapshot(dir, p, into);
    else if (e.isSymbolicLink()) into[p] = `-> ${readlinkSync(path.join(dir, p))}`;
    else into[p] = readFileSync(path.join(dir, p), "utf8");
  }
  return into;
}

/** What is by hand in out/ besides the build's files. */
export interface ByHand {
  /** Files of the build replaced by a folder holding a file (when the build made them). */
  replaced: string[];
  files: Record<string, string>;
  symlinks: Record<string, string>;
  emptyDirs: string[];
}

/** Makes what `hand` lists in out/; an entry that cannot be made there (in the way of another) is left out. */
export function addByHand(out: string, hand: ByHand): void {
  const tryMake = (make: () => void) => {
    try {
      make();
    } catch {
      // A file where a folder is, a folder or link where a file is: not made.
    }
  };
  for (const p of hand.replaced) {
    if (!lstatSync(path.join(out, p), { throwIfNoEntry: false })?.isFile()) continue;
    unlinkSync(path.join(out, p));
    mkdirSync(path.join(out, p));
    writeFileSync(path.join(out, p, "mine.txt"), "mine\n");
  }
  for (const [p, text] of Object.entries(hand.files)) {
    tryMake(() => {
      mkdirSync(path.dirname(path.join(out, p)), { recursive: true });
      writeFileSync(path.join(out, p), text);
    });
  }
  for (const [p, target] of Object.entries(hand.symlinks)) {
    tryMake(() => {
      mkdirSync(path.dirname(path.join(out, p)), { recursive: true });
      symlinkSync(target, path.join(out, p));
    });
  }
  for (const d of hand.emptyDirs) tryMake(() => mkdirSync(path.join(out, d), { recursive: true }));
}

/** A copy of out/ (and nothing else) into a fresh folder. */
export async function copyOut(out: string): Promise<{ root: string; out: string }> {
  const root = await tempDir();
  cpSync(out, path.join(root, "out"), { recursive: true, verbatimSymlinks: true });
  return { root, out: path.join(root, "out") };
}

/** `link` is also where the files by hand may put a symbolic link (to a file or a folder). */
const SEGMENT = fc.constantFrom("a", "b", "c", "link");
const NAME = fc.constantFrom("x.yaml", "y.yaml", "b");
/** Paths of up to three folders; a path may be another's folder (the writes then conflict). */
const PATHS = fc.uniqueArray(
  fc
    .tuple(fc.array(SEGMENT, { maxLength: 3 }), NAME)
    .map(([folders, name]) => [...folders, name].join("/")),
  { maxLength: 12 },
);
/** Files of a build: at most one per path, none inside another. */
export const FILES = fc
  .tuple(PATHS, fc.array(fc.constantFrom("1\n", "2\n", "3\n"), { minLength: 12, maxLength: 12 }))
  .map(([paths, texts]) =>
    paths
      .filter((p) => !paths.some((q) => p.startsWith(`${q}/`)))
      .map((p, i) => file(p, texts[i]!)),
  );
export const BY_HAND: fc.Arbitrary<ByHand> = fc.record({
  replaced: fc.uniqueArray(fc.constantFrom("x.yaml", "b", "a/x.yaml", "a/b"), { maxLength: 2 }),
  files: fc.dictionary(
    fc.constantFrom("NOTES.md", "a/mine.txt", "b/c/mine.txt", "a/x.yaml"),
    fc.constant("mine\n"),
  ),
  symlinks: fc.dictionary(
    fc.constantFrom("link", "a/link", "c/link"),
    // A file, a folder of out/, and nothing (a path outside out/ that is not there).
    fc.constantFrom("x.yaml", "b", "/nonexistent-stackyard-target"),
  ),
  emptyDirs: fc.uniqueArray(fc.constantFrom("empty", "a/empty", "c/b/empty"), { maxLength: 2 }),
});
