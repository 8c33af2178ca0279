import type { ValidateFunction } from "ajv";

/**
 * Validators for the static schemas, precompiled by ajv's standalone mode and keyed by schema
 * `$id`. scripts/bundle.mjs substitutes this module with the generated code, so the shipped CLI
 * never compiles an envelope schema at start-up; run from source (tests, tsx), the map is empty
 * and staticValidator compiles each schema on first use, with the same options and errors.
 */
export const STANDALONE_VALIDATORS: ReadonlyMap<string, ValidateFunction> = new Map();
