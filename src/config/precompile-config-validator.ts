import { Ajv } from "ajv";
import standaloneCodeModule from "ajv/dist/standalone/index.js";
import { CONFIG_SCHEMA } from "./schema.js";
import { CONFIG_AJV_OPTIONS } from "./validate-config.js";

// ajv's standalone entry is CommonJS with a `default` export; unwrap it as src/validate does.
type StandaloneCode = (ajv: Ajv, refs: Record<string, string>) => string;
const standaloneCode = ((standaloneCodeModule as unknown as { default?: unknown }).default ??
  standaloneCodeModule) as unknown as StandaloneCode;

/** The key the schema is compiled under; nothing outside this module sees it. */
const ID = "stackyard:config";

/**
 * Source of the module that replaces standalone-config-validator.ts in the bundle: the config
 * schema compiled by ajv's standalone mode with the run-time options, so its errors are the
 * same. Build-time only: "esm" for scripts/bundle.mjs, "cjs" to evaluate it in a test.
 */
export function configValidatorSource(format: "esm" | "cjs"): string {
  const ajv = new Ajv({ ...CONFIG_AJV_OPTIONS, code: { source: true, esm: format === "esm" } });
  ajv.addSchema(CONFIG_SCHEMA, ID);
  const code = standaloneCode(ajv, { validateConfig: ID });
  return format === "esm"
    ? `${code}\nexport const STANDALONE_CONFIG_VALIDATOR = validateConfig;\n`
    : `${code}\nmodule.exports.STANDALONE_CONFIG_VALIDATOR = module.exports.validateConfig;\n`;
}
