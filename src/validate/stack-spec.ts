import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { rangeAtPath } from "../parse/node-at-path.js";
import type { NodePath, ParsedDocument } from "../parse/types.js";
import { ajvDraft04, ajvDraft07, type ValidateFunction } from "./ajv.js";
import { mapAjvErrors } from "./map-ajv-errors.js";
import { STANDALONE_STACK_SPEC_VALIDATORS } from "./standalone-stack-spec-validators.js";
import { textHash } from "./text-hash.js";
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

/** A stackSpec schema ready for ajv: parsed, its draft known, and `$id` removed. */
export type StackSchema =
  { schema: Record<string, unknown>; draft04: boolean } | { problem: string };

/**
 * Reads a stack's `jsonSchema` text. ajv keeps schemas by $id and two stacks may reuse one, so
 * the schema is compiled without it.
 */
export function readStackSchema(text: string): StackSchema {
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    return { problem: `the stackSpec schema is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof schema !== "object" || schema === null || Array.isArray(schema))
    return { problem: "the stackSpec schema must be a JSON object" };
  const declared = String((schema as Record<string, unknown>).$schema ?? "");
  const { $id: _id, id: _legacyId, ...rest } = schema as Record<string, unknown>;
  return { schema: rest, draft04: declared.includes("draft-04") };
}

function compile(stack: StackResource): { validate?: ValidateFunction; diagnostics: Diagnostic[] } {
  const text = stack.spec.jsonSchema;
  if (text === undefined) return { diagnostics: [] };
  // A built-in stack's schema was compiled when the bundle was made.
  const precompiled = STANDALONE_STACK_SPEC_VALIDATORS.get(textHash(text));
  if (precompiled !== undefined) return { validate: precompiled, diagnostics: [] };
  const read = readStackSchema(text);
  let problem: string;
  if ("problem" in read) problem = read.problem;
  else {
    const ajv = read.draft04 ? ajvDraft04() : ajvDraft07();
    try {
      return { validate: ajv.compile(read.schema), diagnostics: [] };
    } catch (error) {
      problem = `the stackSpec schema does not compile: ${(error as Error).message}`;
    }
  }
  const where = {
    file: stack.origin.source.file,
    range: rangeAtPath(stack.origin.source, schemaPath(stack)),
  };
  return { diagnostics: [diag("STACK_SCHEMA_INVALID", problem, where)] };
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
