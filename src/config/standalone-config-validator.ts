import type { ValidateFunction } from "ajv";

/**
 * The stackyard.yaml validator, precompiled by ajv's standalone mode. scripts/bundle.mjs
 * substitutes this module with the code precompile-config-validator.ts generates, so the shipped
 * CLI never compiles the config schema (the compile cost more than the rest of a small build);
 * run from source (tests), it is undefined and validate-config.ts compiles the schema instead.
 */
export const STANDALONE_CONFIG_VALIDATOR: ValidateFunction | undefined = undefined;
