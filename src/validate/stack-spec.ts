import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { rangeAtPath } from "../parse/node-at-path.js";
import type { NodePath, ParsedDocument } from "../parse/types.js";
import { ajvDraft04, ajvDraft07, type ValidateFunction } from "./ajv.js";
import { mapAjvErrors } from "./map-ajv-errors.js";
import type { StackResource } from "./types.js";

/** Compiled stackSpec validators, by stack resource id: each schema compiles once per run. */
const cache = new WeakMap<
  StackResource,
  { validate?: ValidateFunction; diagnostics: Diagnostic[] }
>();

/** Where a stack's jsonSchema string is written. */
function schemaPath(_stack: StackResource): NodePath {
  return ["stack", "stackSpecValueSchema", "jsonSchema"];
}

/**
 * Compiles a stack's `stackSpecValueSchema.jsonSchema` (a JSON string, draft-04 or draft-07).
 * A broken schema is reported once, at the stack file.
 */
export function compileStackSchema(stack: StackResource): {
  validate?: ValidateFunction;
  diagnostics: Diagnostic[];
} {
  const hit = cache.get(stack);
  if (hit) return hit;
  const result = compile(stack);
  cache.set(stack, result);
  return result;
}

function compile(stack: StackResource): { validate?: ValidateFunction; diagnostics: Diagnostic[] } {
  const text = stack.spec.jsonSchema;
  if (text === undefined) return { diagnostics: [] };
  const where = {
    file: stack.origin.source.file,
    range: rangeAtPath(stack.origin.source, schemaPath(stack)),
  };
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    return {
      diagnostics: [
        diag(
          "STACK_SCHEMA_INVALID",
          `the stackSpec schema is not valid JSON: ${(error as Error).message}`,
          where,
        ),
      ],
    };
  }
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
    return {
      diagnostics: [
        diag("STACK_SCHEMA_INVALID", "the stackSpec schema must be a JSON object", where),
      ],
    };
  }
  const declared = String((schema as Record<string, unknown>).$schema ?? "");
  const ajv = declared.includes("draft-04") ? ajvDraft04() : ajvDraft07();
  // ajv keeps schemas by $id; two stacks may reuse one, so compile a copy without it.
  const { $id: _id, id: _legacyId, ...rest } = schema as Record<string, unknown>;
  try {
    return { validate: ajv.compile(rest), diagnostics: [] };
  } catch (error) {
    return {
      diagnostics: [
        diag(
          "STACK_SCHEMA_INVALID",
          `the stackSpec schema does not compile: ${(error as Error).message}`,
          where,
        ),
      ],
    };
  }
}

/**
 * Validates one runnable's stackSpec against its stack's schema. Errors point at the line in the
 * resource file and name the stack that owns the schema.
 */
export function validateStackSpec(
  stack: StackResource,
  stackSpec: unknown,
  source: ParsedDocument,
  stackSpecPath: NodePath,
  stackRef: string,
): Diagnostic[] {
  const { validate } = compileStackSchema(stack);
  if (!validate || validate(stackSpec)) return [];
  const related = [
    {
      file: stack.origin.source.file,
      range: rangeAtPath(stack.origin.source, schemaPath(stack)),
      message: `the stackSpec schema of stack ${stackRef}`,
    },
  ];
  return mapAjvErrors(validate.errors ?? [], {
    source,
    basePath: stackSpecPath,
    label: "stackSpec",
    related,
    code: "STACKSPEC_INVALID",
  }).map((d) => ({ ...d, message: `${d.message} (schema of stack ${stackRef})` }));
}
