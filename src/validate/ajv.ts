import { Ajv, type Code, type ValidateFunction } from "ajv";
import AjvDraft04Module from "ajv-draft-04";
import addFormatsModule from "ajv-formats";

// ajv-draft-04 and ajv-formats are CommonJS with a `default` export; under NodeNext the
// namespace object is what we get, so unwrap it once here.
const AjvDraft04 = ((AjvDraft04Module as unknown as { default?: unknown }).default ??
  AjvDraft04Module) as unknown as typeof Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/** Shared options: every error, with the failing schema so unknown keys get a did-you-mean. */
const options = { allErrors: true, strict: false, verbose: true, allowUnionTypes: true } as const;

let draft07: Ajv | undefined;
let draft04: Ajv | undefined;

/** The draft-07 instance (resource envelopes and most stack schemas). */
export function ajvDraft07(): Ajv {
  if (!draft07) draft07 = addFormats(new Ajv(options));
  return draft07;
}

/**
 * A draft-07 instance that keeps each validator's source, for ajv's standalone mode (build time
 * only). `formats` is the expression the generated code uses to reach ajv-formats.
 */
export function ajvDraft07WithSource(code: { esm: boolean; formats: Code }): Ajv {
  return addFormats(new Ajv({ ...options, code: { source: true, ...code } }));
}

/** The draft-04 instance (older stack schemas declare draft-04). */
export function ajvDraft04(): Ajv {
  if (!draft04) draft04 = addFormats(new AjvDraft04(options));
  return draft04;
}

export type { ValidateFunction };
