import type { SourceLocation } from "../diagnostics/diagnostic.js";
import { nodeAtPath, rangeAtPath } from "../parse/node-at-path.js";
import type { NodePath } from "../parse/types.js";
import type { Origin } from "../validate/types.js";

/** The file and range of a path below an origin, for a positioned diagnostic. */
export function locationOf(origin: Origin, path: NodePath): SourceLocation {
  const { source } = origin;
  return { file: source.file, range: rangeAtPath(source, [...origin.path, ...path]) };
}

/**
 * True when the manifest itself wrote the value at `path` below `origin`. Normalize fills in
 * defaults, and where DataOS documents contradictory defaults (dryRun, noAuthentication) only
 * a value the user wrote may change what is generated.
 */
export function isWritten(origin: Origin, path: NodePath): boolean {
  return nodeAtPath(origin.source.doc, [...origin.path, ...path]) !== undefined;
}
