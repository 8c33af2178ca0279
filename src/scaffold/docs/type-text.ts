import { isSchema, type Schema } from "../schema-walk.js";

/** A schema's type in a few words: `` `a` \| `b` ``, `integer ≥ 1`, `list of string`, `mapping`. */
export function schemaTypeText(schema: Schema): string {
  if ("const" in schema) return `\`${JSON.stringify(schema.const)}\``;
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => `\`${String(v)}\``).join(" | ");
  for (const key of ["anyOf", "oneOf"]) {
    const branches = schema[key];
    if (Array.isArray(branches)) return branches.filter(isSchema).map(schemaTypeText).join(" or ");
  }
  const types = Array.isArray(schema.type)
    ? (schema.type as string[])
    : typeof schema.type === "string"
      ? [schema.type]
      : [];
  if (types.length > 1) return types.join(" or ");
  switch (types[0]) {
    case "string":
      return typeof schema.pattern === "string"
        ? `string matching \`${schema.pattern}\``
        : "string";
    case "integer":
    case "number":
      return numberText(types[0], schema);
    case "array":
      return `list of ${isSchema(schema.items) ? schemaTypeText(schema.items) : "anything"}`;
    case "object":
      return objectText(schema);
    default:
      return types[0] ?? "anything";
  }
}

function numberText(type: string, schema: Schema): string {
  const min = typeof schema.minimum === "number" ? schema.minimum : undefined;
  const max = typeof schema.maximum === "number" ? schema.maximum : undefined;
  if (min !== undefined && max !== undefined) return `${type} ${min}–${max}`;
  if (min !== undefined) return `${type} ≥ ${min}`;
  return type;
}

function objectText(schema: Schema): string {
  if (isSchema(schema.properties)) return "mapping";
  const values = schema.additionalProperties;
  if (isSchema(values)) return `mapping of name → ${schemaTypeText(values)}`;
  return "mapping (any keys)";
}
