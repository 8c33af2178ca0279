import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { textHash } from "../validate/text-hash.js";
import {
  BUILTIN_PREFIX,
  builtinStacksDir,
  parseBuiltinFile,
  type BuiltinStackSnapshot,
  type SnapshotFile,
} from "./builtin-stacks.js";

/**
 * Parses every built-in file the way a build does and keeps each one's stacks without their
 * parse trees. A file is left out (and so parsed at run time) when it has any diagnostic or a
 * stack that plain JSON cannot carry unchanged, so the snapshot never alters what a build sees.
 */
export function snapshotBuiltinStacks(dir: string = builtinStacksDir()): BuiltinStackSnapshot {
  const snapshot = new Map<string, SnapshotFile>();
  const names = readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort();
  for (const name of names) {
    const text = readFileSync(path.join(dir, name), "utf8");
    const parsed = parseBuiltinFile(BUILTIN_PREFIX + name, text);
    if (parsed.diagnostics.length > 0) continue;
    const stacks = parsed.stacks.map(({ id, meta, spec }) => ({ id, meta, spec }));
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(stacks)), stacks)) continue;
    snapshot.set(name, { hash: textHash(text), stacks });
  }
  return snapshot;
}

/**
 * Source of the module that replaces standalone-builtin-stacks.ts in the bundle. Build-time
 * only: "esm" for scripts/bundle.mjs, "cjs" to evaluate it in a test.
 */
export function builtinStacksSnapshotSource(format: "esm" | "cjs"): string {
  // A JSON string parses faster than the equivalent object literal.
  const json = JSON.stringify(JSON.stringify([...snapshotBuiltinStacks()]));
  const declaration =
    format === "esm"
      ? "export const BUILTIN_STACK_SNAPSHOT"
      : "module.exports.BUILTIN_STACK_SNAPSHOT";
  return `${declaration} = new Map(JSON.parse(${json}));\n`;
}
