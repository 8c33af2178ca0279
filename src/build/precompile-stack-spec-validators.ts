import { stackSpecValidatorsSource } from "../validate/precompile.js";
import { snapshotBuiltinStacks } from "./snapshot-builtin-stacks.js";

/**
 * Source of the module that replaces standalone-stack-spec-validators.ts in the bundle: the
 * stackSpec validators of the built-in stacks. Build-time only: "esm" for scripts/bundle.mjs,
 * "cjs" to evaluate it in a test.
 */
export function builtinStackSpecValidatorsSource(format: "esm" | "cjs"): string {
  const texts = [...snapshotBuiltinStacks().values()].flatMap((file) =>
    file.stacks.flatMap((stack) => stack.spec.jsonSchema ?? []),
  );
  return stackSpecValidatorsSource(texts, format);
}
