import { ajvDraft07, type ValidateFunction } from "./ajv.js";
import { STANDALONE_VALIDATORS } from "./standalone-validators.js";
import type { StaticSchema } from "./static-schemas.js";

/**
 * The validator of a static schema: the bundle's precompiled one when there is one, else
 * compiled now by the shared draft-07 instance (once per `$id`; ajv keeps it).
 */
export function staticValidator(schema: StaticSchema): ValidateFunction {
  const precompiled = STANDALONE_VALIDATORS.get(schema.$id);
  if (precompiled) return precompiled;
  const ajv = ajvDraft07();
  return ajv.getSchema(schema.$id) ?? ajv.compile(schema);
}
