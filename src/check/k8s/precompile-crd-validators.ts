import { Ajv } from "ajv";
import { standaloneMapSource } from "../../validate/precompile.js";
import { CRD_AJV_OPTIONS, CRD_SCHEMAS } from "./crd-schemas.js";

/**
 * Source of the module that replaces standalone-crd-validators.ts in the bundle: every CRD
 * schema compiled by ajv's standalone mode with the run-time options, keyed by `apiVersion/kind`.
 * Build-time only: "esm" for scripts/bundle.mjs, "cjs" to evaluate it in a test.
 */
export function crdValidatorsSource(format: "esm" | "cjs"): string {
  const ajv = new Ajv({ ...CRD_AJV_OPTIONS, code: { source: true, esm: format === "esm" } });
  const keys = Object.keys(CRD_SCHEMAS).sort();
  for (const key of keys) ajv.addSchema(CRD_SCHEMAS[key]!, key);
  return standaloneMapSource(ajv, keys, "STANDALONE_CRD_VALIDATORS", format);
}
