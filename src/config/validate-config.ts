import { createRequire } from "node:module";
import type { Ajv as AjvClass, ValidateFunction } from "ajv";
import type { Document } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { CONFIG_SCHEMA } from "./schema.js";
import { schemaErrorsToDiagnostics } from "./schema-errors.js";
import { STANDALONE_CONFIG_VALIDATOR } from "./standalone-config-validator.js";

/** The ajv options of the config validator, compiled at run time or precompiled alike. */
export const CONFIG_AJV_OPTIONS = { allErrors: true, strict: true } as const;

let compiled: ValidateFunction | undefined;

/**
 * The config validator: the bundle's precompiled one, or compiled on first use (from source).
 * ajv is required only then: every command reads the config, and loading ajv's compiler cost
 * a no-op build a tenth of its time.
 */
function validator(): ValidateFunction {
  if (compiled !== undefined) return compiled;
  if (STANDALONE_CONFIG_VALIDATOR !== undefined) return (compiled = STANDALONE_CONFIG_VALIDATOR);
  const { Ajv } = createRequire(import.meta.url)("ajv") as { Ajv: typeof AjvClass };
  return (compiled = new Ajv(CONFIG_AJV_OPTIONS).compile(CONFIG_SCHEMA));
}

/** Checks the parsed stackyard.yaml against its schema; diagnostics point into the YAML. */
export function validateConfigData(data: unknown, doc: Document, file: string): Diagnostic[] {
  const validate = validator();
  if (validate(data)) return [];
  return schemaErrorsToDiagnostics(validate.errors ?? [], data, doc, file, allowedKeysAt);
}

/** The keys the (sub-)schema at an ajv schema path such as `#/properties/secrets` allows. */
function allowedKeysAt(schemaPath: string): string[] {
  let node: unknown = CONFIG_SCHEMA;
  for (const step of schemaPath
    .replace(/^#\/?/, "")
    .split("/")
    .filter((s) => s !== "")) {
    node = (node as Record<string, unknown> | undefined)?.[step];
  }
  const properties = (node as { properties?: Record<string, unknown> } | undefined)?.properties;
  return Object.keys(properties ?? {});
}
