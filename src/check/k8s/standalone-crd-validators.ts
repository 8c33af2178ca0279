import type { ValidateFunction } from "ajv";

/**
 * The CRD validators, precompiled by ajv's standalone mode and keyed by `apiVersion/kind`.
 * scripts/bundle.mjs substitutes this module with the code precompile-crd-validators.ts
 * generates, so the shipped CLI never compiles a CRD schema; run from source (tests), the map
 * is empty and validate-object.ts compiles each schema on first use, with the same options.
 */
export const STANDALONE_CRD_VALIDATORS: ReadonlyMap<string, ValidateFunction> = new Map();
