import { lstatSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import { diag, type Diagnostic, type SourceLocation } from "../diagnostics/diagnostic.js";

/**
 * OUTPUT_CONFLICT when the out dir's path holds something a build cannot make a folder tree
 * of: a file, a symbolic link to a file or to nothing, or a file where one of its parent
 * folders should be. Undefined when it is a folder (or a link to one) or does not exist yet.
 * `outDir` is as stackyard.yaml names it, relative to `root`; `at`, where stackyard.yaml sets it
 * (the diagnostic is there), absent when it is the default (the message says so).
 */
export function outDirProblem(
  root: string,
  outDir: string,
  at?: SourceLocation,
): Diagnostic | undefined {
  const absolute = path.resolve(root, outDir);
  const entry = statOrInTheWay(() => lstatSync(absolute, { throwIfNoEntry: false }));
  const blocked = (message: string) => blockedDiagnostic(outDir, message, at);
  if (entry === "in the way") {
    return blocked(`a file is in the way of ${outDir}/: a folder on its path is a file`);
  }
  if (entry === undefined || entry.isDirectory()) return undefined;
  if (!entry.isSymbolicLink()) {
    return blocked(`${outDir} is a file, where the build writes its output folder`);
  }
  const target = statOrInTheWay(() => statSync(absolute, { throwIfNoEntry: false }));
  if (target !== "in the way" && target?.isDirectory() === true) return undefined;
  // A link that loops or runs through a file leads nowhere, as a dangling one does.
  const what = target === undefined || target === "in the way" ? "nothing" : "a file";
  return blocked(
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

function blockedDiagnostic(
  outDir: string,
  message: string,
  at: SourceLocation | undefined,
): Diagnostic {
  if (at !== undefined) {
    return diag("OUTPUT_CONFLICT", message, at, {
      hint: `move or delete what is at ${outDir}, or set outDir to another folder`,
    });
  }
  return diag(
    "OUTPUT_CONFLICT",
    `${message} (outDir is not set in stackyard.yaml, and defaults to ${outDir})`,
    {},
    {
      hint: `move or delete what is at ${outDir}, or set outDir in stackyard.yaml to another folder`,
    },
  );
}
