import { Ajv, type ValidateFunction } from "ajv";
import type { Document } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { CONFIG_SCHEMA } from "./schema.js";
import { schemaErrorsToDiagnostics } from "./schema-errors.js";
import { STANDALONE_CONFIG_VALIDATOR } from "./standalone-config-validator.js";

/** The ajv options of the config validator, compiled at run time or precompiled alike. */
export const CONFIG_AJV_OPTIONS = { allErrors: true, strict: true } as const;

let compiled: ValidateFunction | undefined;

/** The config validator: the bundle's precompiled one, or compiled on first use (from source). */
function validator(): ValidateFunction {
  compiled ??= STANDALONE_CONFIG_VALIDATOR ?? new Ajv(CONFIG_AJV_OPTIONS).compile(CONFIG_SCHEMA);
  return compiled;
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
