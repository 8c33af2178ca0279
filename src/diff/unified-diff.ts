import { structuredPatch } from "diff";
import type { DiffLine, Hunk } from "./types.js";

/** Lines of context around each change, as `git diff` shows by default. */
const CONTEXT_LINES = 3;

/** The hunks that turn `before` into `after` (either may be empty: an added or removed object). */
export function unifiedHunks(before: string, after: string): Hunk[] {
  const patch = structuredPatch("base", "head", before, after, "", "", { context: CONTEXT_LINES });
  // An empty side starts at the line before it (unified diff's convention, as git and GNU diff
  // write it): `-0,0 +1,N` for an added object, `-1,N +0,0` for a removed one. jsdiff names
  // the line after it.
  return patch.hunks.map((h) => ({
    oldStart: h.oldLines === 0 ? h.oldStart - 1 : h.oldStart,
    oldLines: h.oldLines,
    newStart: h.newLines === 0 ? h.newStart - 1 : h.newStart,
    newLines: h.newLines,
    // "\ No newline at end of file" is not a line of the object; emitted YAML always ends in one.
    lines: h.lines.filter((l) => !l.startsWith("\\")).map(toLine),
  }));
}

/** The `@@ -a,b +c,d @@` header of a hunk. */
export function hunkHeader(h: Hunk): string {
  return `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`;
}

function toLine(raw: string): DiffLine {
  const op = raw[0];
  return { op: op === "+" || op === "-" ? op : " ", text: raw.slice(1) };
}
