import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

/**
 * `validate PATH…`: the diagnostics of files under these repository-relative paths (files or
 * folders), plus those that belong to no file. No paths: all of them.
 */
export function diagnosticsUnder(
  diagnostics: readonly Diagnostic[],
  paths: readonly string[] | undefined,
): Diagnostic[] {
  if (paths === undefined || paths.length === 0) return [...diagnostics];
  const only = paths.map((p) => path.posix.normalize(p.replace(/\\/g, "/")).replace(/\/$/, ""));
  return diagnostics.filter(
    (d) =>
      d.file === undefined ||
      only.some((p) => p === "." || d.file === p || d.file!.startsWith(`${p}/`)),
  );
}
