import type { SchemaObject } from "ajv";
import { envelopeSchema, JOB_FRAGMENT, RESOURCE_TYPES } from "./schemas/envelopes.js";

/** A schema stackyard knows before reading any repository; its `$id` names its validator. */
export type StaticSchema = SchemaObject & { $id: string };

/** Every static schema: one envelope per resource type, and the included-job fragment. */
export function staticSchemas(): StaticSchema[] {
  return [
    ...RESOURCE_TYPES.map((type) => envelopeSchema(type) as StaticSchema),
    JOB_FRAGMENT as StaticSchema,
  ];
}
