import { lstatSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";

/**
 * OUTPUT_CONFLICT when the out dir's path holds something a build cannot make a folder tree
 * of: a file, a symbolic link to a file or to nothing, or a file where one of its parent
 * folders should be. Undefined when it is a folder (or a link to one) or does not exist yet.
 * `outDir` is as stackyard.yaml names it, relative to `root`.
 */
export function outDirProblem(root: string, outDir: string): Diagnostic | undefined {
  const absolute = path.resolve(root, outDir);
  const entry = statOrInTheWay(() => lstatSync(absolute, { throwIfNoEntry: false }));
  if (entry === "in the way") {
    return blocked(outDir, `a file is in the way of ${outDir}/: a folder on its path is a file`);
  }
  if (entry === undefined || entry.isDirectory()) return undefined;
  if (!entry.isSymbolicLink()) {
    return blocked(outDir, `${outDir} is a file, where the build writes its output folder`);
  }
  const target = statOrInTheWay(() => statSync(absolute, { throwIfNoEntry: false }));
  if (target !== "in the way" && target?.isDirectory() === true) return undefined;
  // A link that loops or runs through a file leads nowhere, as a dangling one does.
  const what = target === undefined || target === "in the way" ? "nothing" : "a file";
  return blocked(
    outDir,
    `${outDir} is a symbolic link to ${what}, where the build writes its output folder`,
  );
}

/** A stat, or "in the way" when a file stands where a folder of the path should be. */
function statOrInTheWay(stat: () => Stats | undefined): Stats | undefined | "in the way" {
  try {
    return stat();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR" || code === "ELOOP") return "in the way";
    throw error;
  }
}

function blocked(outDir: string, message: string): Diagnostic {
  return diag(
    "OUTPUT_CONFLICT",
    message,
    {},
    {
      hint: `move or delete what is at ${outDir}, or set outDir in stackyard.yaml to another folder`,
    },
  );
}
