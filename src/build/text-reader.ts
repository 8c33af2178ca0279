import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { candidatePaths, type RepoFs } from "../discover/repo-fs.js";
import type { RepoTextReader } from "../resolve/resolve-runnables.js";

/** `configs:` files: relative to the manifest, else to the repository root; never outside it. */
export function textReader(fs: RepoFs, maxBytes: number): RepoTextReader {
  return async (fromFile, ref, at) => {
    const candidates = candidatePaths(fromFile, ref);
    if (candidates.length === 0) {
      return {
        diagnostic: diag(
          "PATH_OUTSIDE_REPO",
          `${JSON.stringify(ref)} points outside the repository`,
          at,
          { hint: "config files must live inside the repository" },
        ),
      };
    }
    let last: Diagnostic | undefined;
    for (const candidate of candidates) {
      const read = await fs.read(candidate, maxBytes);
      if (read.ok) return { text: read.text };
      last = read.diagnostic;
      if (read.diagnostic.code !== "INCLUDE_NOT_FOUND") break;
    }
    const d = last ?? diag("INCLUDE_NOT_FOUND", `${ref} does not exist`, at);
    return {
      diagnostic: {
        ...d,
        file: at.file,
        range: at.range,
        message:
          d.code === "INCLUDE_NOT_FOUND"
            ? `the config file ${JSON.stringify(ref)} does not exist`
            : d.message,
        hint: d.hint ?? "paths are relative to this file, or to the repository root",
      },
    };
  };
}
