import type { BuiltinStackSnapshot } from "./builtin-stacks.js";

/**
 * The built-in stacks as the bundle saw them, keyed by file name. scripts/bundle.mjs
 * substitutes this module with the generated snapshot (snapshot-builtin-stacks.ts), so a build
 * parses only the built-in stacks it uses; run from source (tests, tsx), the map is empty and
 * every built-in file is parsed on load, with the same resources and diagnostics.
 */
export const BUILTIN_STACK_SNAPSHOT: BuiltinStackSnapshot = new Map();
