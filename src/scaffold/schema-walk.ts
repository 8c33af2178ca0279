/** Transformations over JSON Schemas that keep to schema positions (never into `properties` names). */
export type Schema = Record<string, unknown>;

/** Keywords whose value is a map of name → subschema. */
const SCHEMA_MAPS = ["properties", "patternProperties", "definitions", "$defs", "dependencies"];
/** Keywords whose value is one subschema or a list of them. */
const SCHEMA_VALUES = [
  "items",
  "additionalItems",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf"];

/** A copy of `schema` with `fn` applied to it and, bottom-up, to every subschema. */
export function mapSchema(schema: Schema, fn: (s: Schema) => Schema): Schema {
  const out: Schema = { ...schema };
  for (const key of SCHEMA_MAPS) {
    const map = out[key];
    if (isSchema(map)) {
      out[key] = Object.fromEntries(
        Object.entries(map).map(([k, v]) => [k, isSchema(v) ? mapSchema(v, fn) : v]),
      );
    }
  }
  for (const key of SCHEMA_VALUES) {
    const value = out[key];
    if (isSchema(value)) out[key] = mapSchema(value, fn);
    else if (Array.isArray(value))
      out[key] = value.map((v) => (isSchema(v) ? mapSchema(v, fn) : v));
  }
  for (const key of SCHEMA_LISTS) {
    const list = out[key];
    if (Array.isArray(list)) out[key] = list.map((v) => (isSchema(v) ? mapSchema(v, fn) : v));
  }
  return fn(out);
}

/**
 * A stack's stackSpec schema made fit to live inside a generated draft-07 document under
 * `#/definitions/<name>`: draft-04's boolean `exclusiveMinimum`/`exclusiveMaximum` become
 * numbers, ids and `$schema` go (they would re-base references), and local `$ref`s are
 * re-rooted at the definition.
 */
export function spliceableSchema(schema: Schema, definition: string): Schema {
  const base = `#/definitions/${escapePointer(definition)}`;
  const mapped = mapSchema(schema, (s) => rebaseRef(draft04Bounds(s), base));
  const { $schema: _s, $id: _i, id: _legacy, ...rest } = mapped;
  return rest;
}

function draft04Bounds(s: Schema): Schema {
  const out = { ...s };
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof out[flag] !== "boolean") continue;
    if (out[flag] === true && typeof out[bound] === "number") {
      out[flag] = out[bound];
      delete out[bound];
    } else delete out[flag];
  }
  if (typeof out.id === "string") delete out.id;
  return out;
}

function rebaseRef(s: Schema, base: string): Schema {
  const ref = s.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#")) return s;
  return { ...s, $ref: ref === "#" || ref === "#/" ? base : `${base}${ref.slice(1)}` };
}

/** A JSON-pointer segment, written into a URI fragment. */
export function escapePointer(segment: string): string {
  return encodeURI(segment.replace(/~/g, "~0").replace(/\//g, "~1"));
}

/** True for a JSON object (a schema, or a map of schemas). */
export function isSchema(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The subschema at a path of property names, through `properties` (and `items` for "[]"). */
export function schemaAt(schema: Schema, path: readonly string[]): Schema | undefined {
  let node: Schema | undefined = schema;
  for (const part of path) {
    if (node === undefined) return undefined;
    if (part === "[]") {
      node = isSchema(node.items) ? node.items : undefined;
      continue;
    }
    const props: unknown = node.properties;
    node = isSchema(props) && isSchema(props[part]) ? props[part] : undefined;
  }
  return node;
}
