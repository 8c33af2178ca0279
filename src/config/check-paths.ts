import path from "node:path";
import type { Document } from "yaml";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { nodeRangeAt, type ConfigPath } from "./node-range-at.js";
import { displayPath } from "./schema-errors.js";

/** A path setting after the checks: normalized, or undefined when it was refused. */
type Checked = string | undefined;

/**
 * Checks that a repository-relative path stays inside the repository and returns it in
 * normal form (`./resources/` → `resources`). Absolute paths, `..` that climbs out and
 * backslashes are refused: the same config must mean the same thing on every machine.
 */
export function checkRepoPath(
  value: string,
  at: ConfigPath,
  doc: Document,
  file: string,
  diagnostics: Diagnostic[],
): Checked {
  const where = { file, range: nodeRangeAt(doc, at) };
  const name = displayPath(at);
  if (value.includes("\\")) {
    diagnostics.push(
      diag("CONFIG_INVALID", `${name} contains a backslash: "${value}"`, where, {
        hint: `write paths with forward slashes: "${value.replace(/\\/g, "/")}"`,
      }),
    );
    return undefined;
  }
  if (path.posix.isAbsolute(value) || /^[A-Za-z]:/.test(value)) {
    diagnostics.push(
      diag("PATH_OUTSIDE_REPO", `${name} is an absolute path: "${value}"`, where, {
        hint: "write it relative to the repository root, where stackyard.yaml is",
      }),
    );
    return undefined;
  }
  const normal = path.posix.normalize(value).replace(/\/+$/, "");
  if (normal === ".." || normal.startsWith("../")) {
    diagnostics.push(
      diag("PATH_OUTSIDE_REPO", `${name} points outside the repository: "${value}"`, where, {
        hint: "stackyard only reads and writes inside the repository",
      }),
    );
    return undefined;
  }
  return normal === "" ? "." : normal;
}

/** Globs are not normalized (that could change their meaning) but must not leave the repo. */
export function checkRepoGlob(
  value: string,
  at: ConfigPath,
  doc: Document,
  file: string,
  diagnostics: Diagnostic[],
): Checked {
  const climbs = value.split("/").includes("..");
  if (!climbs)
    return checkRepoPath(value, at, doc, file, diagnostics) === undefined ? undefined : value;
  const where = { file, range: nodeRangeAt(doc, at) };
  diagnostics.push(
    diag("PATH_OUTSIDE_REPO", `${displayPath(at)} uses "..": "${value}"`, where, {
      hint: "exclude globs match paths inside the repository, relative to its root",
    }),
  );
  return undefined;
}
