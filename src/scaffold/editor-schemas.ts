import { CONFIG_SCHEMA } from "../config/schema.js";
import { envelopeSchema, RESOURCE_TYPES } from "../validate/schemas/envelopes.js";
import { addAliases, RUNNABLE_AT } from "./editor-aliases.js";
import { META_DOCS, RUNNABLE_DOCS, SECTION_DOCS } from "./field-docs.js";
import { escapePointer, schemaAt, spliceableSchema, type Schema } from "./schema-walk.js";
import type { CatalogStack, Orchestrator } from "./stack-catalog.js";

/** Where `stackyard schemas` writes by default, relative to the repository root. */
export const DEFAULT_SCHEMA_DIR = ".stackyard/schemas";
/** The schema that dispatches on `type:`: associate it with every manifest. */
export const RESOURCE_SCHEMA = "resource.json";
/** The schema of stackyard.yaml. */
export const CONFIG_SCHEMA_FILE = "stackyard.json";

const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

/** One generated schema: its path inside the schema folder and its content. */
export interface SchemaFile {
  path: string;
  schema: Schema;
}

/**
 * Every editor schema for a repository: one per resource type (with every stack's stackSpec
 * schema applied where a runnable names that stack), one per stack and orchestrator (the
 * stackSpec schema spliced in directly), `resource.json` that picks by `type:`, and the
 * stackyard.yaml schema. Sorted by path; the same input gives the same bytes.
 */
export function editorSchemas(stacks: readonly CatalogStack[]): SchemaFile[] {
  const files: SchemaFile[] = [
    { path: RESOURCE_SCHEMA, schema: resourceSchema() },
    { path: CONFIG_SCHEMA_FILE, schema: { ...CONFIG_SCHEMA, title: "stackyard.yaml" } },
    ...RESOURCE_TYPES.map((type) => ({
      path: typeSchemaPath(type),
      schema: typeSchema(type, stacks),
    })),
  ];
  for (const stack of stacks) {
    for (const orchestrator of stack.orchestrators) {
      files.push({
        path: stackSchemaPath(stack, orchestrator),
        schema: stackSchema(stack, orchestrator),
      });
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** `service.json`: the schema of one resource type. */
export function typeSchemaPath(type: string): string {
  return `${type}.json`;
}

/** `stacks/container@1.0.service.json`: the schema of a resource of one type on one stack. */
export function stackSchemaPath(stack: CatalogStack, orchestrator: Orchestrator): string {
  return `stacks/${definitionName(stack)}.${orchestrator}.json`;
}

/** The JSON text written for a schema: stable, two-space indented, newline-terminated. */
export function schemaText(schema: Schema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function resourceSchema(): Schema {
  return {
    $schema: DRAFT_07,
    title: "stackyard resource",
    description: "A Stack or Resource manifest; the `type` field selects the schema.",
    type: "object",
    properties: { type: { enum: [...RESOURCE_TYPES], description: META_DOCS.type } },
    required: ["type"],
    allOf: RESOURCE_TYPES.map((type) => ({
      if: { properties: { type: { const: type } }, required: ["type"] },
      then: { $ref: `./${typeSchemaPath(type)}` },
    })),
  };
}

/** The envelope of one type, documented, alias-aware, with stack-dependent stackSpec schemas. */
function typeSchema(type: string, stacks: readonly CatalogStack[]): Schema {
  const schema = baseSchema(type, `stackyard ${type}`);
  const at = RUNNABLE_AT[type];
  const runnable = at === undefined ? undefined : schemaAt(schema, at);
  if (runnable === undefined) return schema;
  const usable = stacks.filter((s) => s.orchestrators.includes(type as Orchestrator));
  const props = runnable.properties as Record<string, Schema>;
  props.stack = {
    ...props.stack,
    // Any string stays valid (a stack added since the schemas were written is no error), but
    // completion offers every stack this repository has.
    anyOf: [{ enum: usable.flatMap((s) => s.refs) }, { type: "string" }],
  };
  const withSchema = usable.filter((s) => s.schema !== undefined);
  if (withSchema.length === 0) return schema;
  runnable.allOf = withSchema.map((stack) => ({
    if: { properties: { stack: { enum: stack.refs } }, required: ["stack"] },
    then: { properties: { stackSpec: { $ref: definitionRef(stack) } } },
  }));
  schema.definitions = Object.fromEntries(
    withSchema.map((s) => [definitionName(s), definition(s)]),
  );
  return schema;
}

/** A resource of `orchestrator` type running exactly this stack. */
function stackSchema(stack: CatalogStack, orchestrator: Orchestrator): Schema {
  const schema = baseSchema(orchestrator, `stackyard ${orchestrator} on stack ${stack.key}`);
  const runnable = schemaAt(schema, RUNNABLE_AT[orchestrator]!)!;
  const props = runnable.properties as Record<string, Schema>;
  props.stack = { ...props.stack, enum: stack.refs };
  if (stack.schema !== undefined) {
    props.stackSpec = { $ref: definitionRef(stack) };
    schema.definitions = { [definitionName(stack)]: definition(stack) };
  }
  return schema;
}

function baseSchema(type: string, title: string): Schema {
  const schema: Schema = { $schema: DRAFT_07, title, ...documentedSchema(type) };
  addAliases(schema, type);
  return schema;
}

/** A copy of the envelope schema of `type` with a description on every documented field. */
export function documentedSchema(type: string): Schema {
  // The envelopes share building blocks (one `str` object for every string field) with each
  // other and with the validators: a JSON round trip gives every field its own object.
  const { $id: _id, ...schema } = JSON.parse(JSON.stringify(envelopeSchema(type))) as Schema;
  describeFields(schema, type);
  return schema;
}

function describeFields(schema: Schema, type: string): void {
  const set = (path: readonly string[], text: string) => {
    const target = schemaAt(schema, path);
    if (target !== undefined) target.description = text;
  };
  for (const [key, text] of Object.entries(META_DOCS)) set([key], text);
  for (const [path, text] of Object.entries(SECTION_DOCS[type] ?? {}))
    set([type, ...path.split(".")], text);
  const at = RUNNABLE_AT[type];
  if (at !== undefined)
    for (const [key, text] of Object.entries(RUNNABLE_DOCS)) set([...at, key], text);
}

function definition(stack: CatalogStack): Schema {
  const spliced = spliceableSchema(stack.schema ?? {}, definitionName(stack));
  const about = `stackSpec of stack ${stack.key}${stack.summary === "" ? "" : `: ${stack.summary}`}`;
  return {
    ...spliced,
    description: typeof spliced.description === "string" ? spliced.description : about,
  };
}

/** `python-etl+python@1.0`: `@` never occurs in stack names, so the name is unique. */
function definitionName(stack: CatalogStack): string {
  return stack.key.replace(/:([^:]*)$/, "@$1");
}

function definitionRef(stack: CatalogStack): string {
  return `#/definitions/${escapePointer(definitionName(stack))}`;
}
