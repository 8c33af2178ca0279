import { lstatSync, mkdirSync, readFileSync, renameSync, rmdirSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { isSafeRelativePath } from "../ownership-index.js";
import type { OutputFile } from "../types.js";
import { foldersOf } from "./compare-tree.js";
import { removeTree } from "./remove-tree.js";
import { makeFolders } from "./stage-tree.js";
import { newSiblingId, pairedSibling, siblingPath } from "./siblings.js";
import { withSep } from "./with-sep.js";

/**
 * out/ changed in place, for a write that changes a small part of a large tree. A swap
 * (swap-tree.ts) links every unchanged file into a new tree and unlinks the previous one: two
 * calls per file of out/, 160,000 for a change of three files at 10,000 resources. A patch
 * costs a few calls per file it changes:
 *
 * 1. The new files and a journal are written to `<out>.stackyard-tmp-<id>`, renamed
 *    `<out>.stackyard-patch-<id>` when complete.
 * 2. out/ is renamed `<out>.stackyard-patching-<id>`. From here until step 4, out/ is missing.
 * 3. The journal is applied to it: what goes (pruned files, the previous file at a changed path)
 *    is renamed into the patch's `old/`, folders left empty are removed, the new files are
 *    renamed in from the patch's `new/`.
 * 4. It is renamed back to out/, and the patch (holding what went) is removed.
 *
 * Every step is a rename, so a step interrupted by a crash can be told from its state: done
 * when its source is gone (or, setting aside, when its target is there). A crash during step 3
 * is finished by the next run (recoverPatch, from recoverOutput) before it does anything else,
 * and an error during it is undone by the reverse renames. Whatever happens, out/ is observed
 * as the previous tree, the new tree, or missing — never a mix — as with a swap.
 */

/** What a patch changes in a tree. */
export interface PatchPlan {
  /** Files to put in, at paths that are free or hold a file, symlink or special file. */
  write: readonly OutputFile[];
  /** Paths of the tree that go: pruned files and the entries at the changed paths. */
  remove: readonly string[];
}

/** The renames of a patch, in order, as saved in its `journal.json`. */
interface Journal {
  format: 1;
  /** Entries of the tree renamed into the patch's `old/`. */
  aside: string[];
  /** Folders of removed entries that may be left empty, deepest first: removed if they are. */
  rmdirs: string[];
  /** Folders the new files need that the tree does not have, parents first. */
  mkdirs: string[];
  /** New files renamed from the patch's `new/` into the tree. */
  moves: string[];
}

const JOURNAL_FORMAT = 1;
const JOURNAL = "journal.json";

/**
 * Applies `plan` to the tree at `outDir`. `folders` are the folders on disk under it (every
 * folder of its files, and its empty ones). `afterwards` runs once the patched tree is back in
 * place, before the patch's leftovers are removed; it must not throw. I/O errors throw, after
 * the tree is put back as it was.
 */
export async function patchTree(
  outDir: string,
  plan: PatchPlan,
  folders: ReadonlySet<string>,
  afterwards?: () => Promise<void>,
): Promise<void> {
  const prepared = await preparePatch(outDir, plan, folders);
  try {
    for (const step of journalSteps(prepared, true)) step();
    renameSync(prepared.patching, outDir);
  } catch (error) {
    try {
      rollBack(prepared);
      renameSync(prepared.patching, outDir);
    } catch {
      // Left for recoverOutput, which the next write runs first: out/ is missing until then.
      throw error;
    }
    await removeTree(prepared.patch);
    throw error;
  }
  await afterwards?.();
  await removeTree(prepared.patch);
}

/** A patch written, and out/ renamed to be patched (steps 1 and 2). */
export interface PreparedPatch {
  patch: string;
  patching: string;
  journal: Journal;
}

/** Steps 1 and 2 of patchTree. On an error, out/ is left as it was and the error thrown. */
export async function preparePatch(
  outDir: string,
  plan: PatchPlan,
  folders: ReadonlySet<string>,
): Promise<PreparedPatch> {
  const journal = journalOf(plan, folders);
  const id = newSiblingId();
  const staging = siblingPath(outDir, "tmp", id);
  const patch = siblingPath(outDir, "patch", id);
  const patching = siblingPath(outDir, "patching", id);
  try {
    await mkdir(staging);
    writePatch(staging, plan.write, journal);
    renameSync(staging, patch);
    renameSync(outDir, patching);
  } catch (error) {
    await removeTree(staging);
    await removeTree(patch);
    throw error;
  }
  return { patch, patching, journal };
}

/**
 * Finishes the patch of an interrupted write, whose `patching` tree is out/ being patched:
 * replays the journal from where it stopped and puts the tree back as out/. A replay that
 * fails is undone instead. Returns what it did, for recoverOutput to report.
 */
export function recoverPatch(outDir: string, patching: string): string {
  const patch = pairedSibling(outDir, patching, "patch");
  const name = path.basename(outDir);
  const journal = readJournal(patch);
  if (journal === undefined) {
    // The patch is complete before out/ is renamed: only a hand-removed or damaged patch
    // has no journal. What the tree holds is kept; the next build compares every file.
    renameSync(patching, outDir);
    return `restored ${name} from ${path.basename(patching)}, without its patch's journal`;
  }
  const prepared = { patch, patching, journal };
  try {
    for (const step of journalSteps(prepared, false)) step();
    renameSync(patching, outDir);
    return `finished the interrupted write of ${name} (${path.basename(patch)})`;
  } catch (error) {
    try {
      rollBack(prepared);
      renameSync(patching, outDir);
    } catch {
      throw new Error(
        `cannot finish nor undo the interrupted write of ${name}/: ${(error as Error).message}. ` +
          `The tree is ${patching}, the new files and the ones it replaced are in ${patch}`,
      );
    }
    return `undid the interrupted write of ${name} (${path.basename(patch)}): ${(error as Error).message}`;
  }
}

function journalOf(plan: PatchPlan, folders: ReadonlySet<string>): Journal {
  const moves = plan.write.map((f) => f.path).sort();
  const needed = foldersOf(moves);
  return {
    format: JOURNAL_FORMAT,
    aside: [...plan.remove].sort(),
    // A folder's path is longer than its parent's: longest first is children first.
    rmdirs: [...foldersOf(plan.remove)]
      .filter((f) => !needed.has(f))
      .sort((a, b) => b.length - a.length || compare(a, b)),
    mkdirs: [...needed]
      .filter((f) => !folders.has(f))
      .sort((a, b) => a.length - b.length || compare(a, b)),
    moves,
  };
}

/** The patch's `new/` with the files, `old/` with the folders the set-aside entries go to. */
function writePatch(dir: string, files: readonly OutputFile[], journal: Journal): void {
  const base = withSep(dir);
  for (const [sub, paths] of [
    ["new", journal.moves],
    ["old", journal.aside],
  ] as const) {
    mkdirSync(base + sub);
    makeFolders(base + sub, [...foldersOf(paths)]);
  }
  for (const f of files) writeFileSync(`${base}new/${f.path}`, f.content);
  writeFileSync(base + JOURNAL, JSON.stringify(journal));
}

/** The patch's folders of new files and of set-aside entries, each with a trailing separator. */
function patchDirs(patch: string): { oldDir: string; newDir: string } {
  return { oldDir: `${withSep(patch)}old/`, newDir: `${withSep(patch)}new/` };
}

function readJournal(patch: string): Journal | undefined {
  try {
    const j = JSON.parse(readFileSync(path.join(patch, JOURNAL), "utf8")) as Journal;
    const lists: unknown[] = [j.aside, j.rmdirs, j.mkdirs, j.moves];
    // Paths inside the tree only: a journal is ours, but it is read back from the disk.
    const inside = (p: unknown) => typeof p === "string" && isSafeRelativePath(p);
    const valid = lists.every((l) => Array.isArray(l) && l.every(inside));
    return j.format === JOURNAL_FORMAT && valid ? j : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The journal's renames (step 3), one call each, in order. `fresh`: none was done yet, so
 * nothing is checked first; otherwise (a replay) each is skipped when done — set aside when its
 * target is in `old/`, moved in when its source has left `new/`. A replay is right from any
 * state a crash leaves, after any number of steps of this or of rollBack.
 */
export function journalSteps(prepared: PreparedPatch, fresh: boolean): Array<() => void> {
  const { journal } = prepared;
  const { oldDir, newDir } = patchDirs(prepared.patch);
  const t = withSep(prepared.patching);
  return [
    ...journal.aside.map((p) => () => {
      if (!fresh && present(oldDir + p)) return;
      ignoring(["ENOENT"], () => renameSync(t + p, oldDir + p)); // gone since it was listed
    }),
    ...journal.rmdirs.map((d) => () => ignoring(NOT_REMOVABLE, () => rmdirSync(t + d))),
    ...journal.mkdirs.map((d) => () => ignoring(["EEXIST"], () => mkdirSync(t + d))),
    ...journal.moves.map((p) => () => {
      if (!fresh && !present(newDir + p)) return;
      renameSync(newDir + p, t + p);
    }),
  ];
}

/** Undoes whatever part of the journal was done, from any state a replay could leave. */
export function rollBack({ patch, patching, journal }: PreparedPatch): void {
  const { oldDir, newDir } = patchDirs(patch);
  const t = withSep(patching);
  for (const p of [...journal.moves].reverse()) {
    if (present(newDir + p)) continue;
    ignoring(["ENOENT"], () => renameSync(t + p, newDir + p));
  }
  for (const d of [...journal.mkdirs].reverse()) ignoring(NOT_REMOVABLE, () => rmdirSync(t + d));
  for (const p of journal.aside) {
    if (!present(oldDir + p)) continue;
    mkdirSync(path.dirname(t + p), { recursive: true });
    renameSync(oldDir + p, t + p);
  }
}

/** rmdir of a folder that is not there, not empty, or not a folder: left as it is. */
const NOT_REMOVABLE = ["ENOENT", "ENOTEMPTY", "EEXIST", "ENOTDIR"];

function ignoring(codes: readonly string[], call: () => void): void {
  try {
    call();
  } catch (error) {
    if (!codes.includes((error as NodeJS.ErrnoException).code ?? "")) throw error;
  }
}

function present(p: string): boolean {
  return lstatSync(p, { throwIfNoEntry: false }) !== undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
