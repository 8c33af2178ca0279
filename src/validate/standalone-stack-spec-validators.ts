import type { ValidateFunction } from "ajv";

/**
 * The built-in stacks' stackSpec validators, precompiled by ajv's standalone mode and keyed by
 * the hash of the schema text (textHash of `jsonSchema`). scripts/bundle.mjs substitutes this
 * module with the generated code; run from source, the map is empty and compileStackSchema
 * compiles each schema on first use, with the same options and errors.
 */
export const STANDALONE_STACK_SPEC_VALIDATORS: ReadonlyMap<string, ValidateFunction> = new Map();
