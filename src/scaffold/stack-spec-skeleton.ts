/**
 * A `stackSpec:` skeleton from a stack's JSON Schema: required fields with placeholder values
 * of the right type, optional fields commented out, each under its description. The skeleton
 * is a starting point a data engineer edits, so it favours readability over completeness:
 * `oneOf`/`anyOf` take their first branch, and recursion stops at a fixed depth.
 */
type Schema = Record<string, unknown>;

/** How deep nested objects are expanded before the skeleton writes `{}`. */
const MAX_DEPTH = 6;
/** Descriptions longer than this are cut at a word boundary: a comment is a hint, not docs. */
const MAX_COMMENT = 96;

/** The lines of a stackSpec mapping's body (unindented); empty when the schema has no fields. */
export function stackSpecSkeleton(schema: Schema): string[] {
  return objectLines(resolve(schema, schema), schema, 0, false);
}

/** The placeholder value a field gets: its const, first enum value, default, or a typed stand-in. */
export function placeholderValue(key: string, schema: Schema): unknown {
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  switch (typeOf(schema)) {
    case "integer":
    case "number":
      return lowestNumber(schema);
    case "boolean":
      return false;
    case "null":
      return null;
    case "object":
      return {};
    case "array":
      return [];
    default:
      return stringPlaceholder(key, schema);
  }
}

/** `<key>`, or the bare key when only that fits the field's pattern (`name: name`). */
function stringPlaceholder(key: string, schema: Schema): string {
  const candidates = [`<${key}>`, key];
  const pattern = typeof schema.pattern === "string" ? safeRegExp(schema.pattern) : undefined;
  return candidates.find((c) => pattern === undefined || pattern.test(c)) ?? candidates[0]!;
}

function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, "u");
  } catch {
    return undefined;
  }
}

function objectLines(schema: Schema, root: Schema, depth: number, commented: boolean): string[] {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const keys = Object.keys(properties);
  // Inside a commented-out block, optional children would be comments within comments.
  const shown = commented && required.size > 0 ? keys.filter((k) => required.has(k)) : keys;
  const order = [...shown.filter((k) => required.has(k)), ...shown.filter((k) => !required.has(k))];
  const lines: string[] = [];
  for (const key of order) {
    const field = resolve(asSchema(properties[key]), root);
    const optional = !commented && !required.has(key);
    const body = fieldLines(key, field, root, depth, commented || optional);
    if (!commented) lines.push(...describe(field));
    lines.push(...(optional ? body.map((l) => `# ${l}`) : body));
  }
  return lines;
}

function fieldLines(
  key: string,
  schema: Schema,
  root: Schema,
  depth: number,
  commented: boolean,
): string[] {
  const name = yamlKey(key);
  if (hasFixedValue(schema) || depth >= MAX_DEPTH)
    return [`${name}: ${flow(placeholderValue(key, schema))}`];
  const type = typeOf(schema);
  if (type === "object" && isObject(schema.properties)) {
    const body = objectLines(schema, root, depth + 1, commented);
    return body.length === 0 ? [`${name}: {}`] : [`${name}:`, ...indent(body, "  ")];
  }
  if (type === "array") return arrayLines(key, schema, root, depth, commented);
  return [`${name}: ${flow(placeholderValue(key, schema))}`];
}

/** An array shows one item, so the shape of an element is visible. */
function arrayLines(
  key: string,
  schema: Schema,
  root: Schema,
  depth: number,
  commented: boolean,
): string[] {
  const name = yamlKey(key);
  const items = resolve(asSchema(schema.items), root);
  if (typeOf(items) === "object" && isObject(items.properties) && depth + 1 < MAX_DEPTH) {
    const body = objectLines(items, root, depth + 1, commented).filter((l) => !l.startsWith("#"));
    if (body.length === 0) return [`${name}: [{}]`];
    return [`${name}:`, `  - ${body[0]!}`, ...indent(body.slice(1), "    ")];
  }
  if (Object.keys(items).length === 0) return [`${name}: []`];
  return [`${name}: [${flow(placeholderValue(singular(key), items))}]`];
}

/** The description as comment lines above the field (first line only, cut to a hint's length). */
function describe(schema: Schema): string[] {
  const text =
    typeof schema.description === "string" ? schema.description.trim().split("\n")[0]! : "";
  if (text === "") return [];
  if (text.length <= MAX_COMMENT) return [`# ${text}`];
  const cut = text.slice(0, MAX_COMMENT);
  return [`# ${cut.slice(0, Math.max(cut.lastIndexOf(" "), 40))}…`];
}

/** Follows local `$ref`s, takes the first branch of oneOf/anyOf and merges allOf. */
function resolve(schema: Schema, root: Schema, seen = 0): Schema {
  if (seen > 16) return {};
  if (typeof schema.$ref === "string") {
    const { $ref, ...rest } = schema;
    return resolve({ ...pointer(root, $ref as string), ...rest }, root, seen + 1);
  }
  for (const key of ["oneOf", "anyOf"]) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0 && typeOf(schema) === undefined) {
      const { [key]: _, ...rest } = schema;
      return resolve({ ...asSchema(branches[0]), ...rest }, root, seen + 1);
    }
  }
  if (Array.isArray(schema.allOf)) {
    const { allOf, ...rest } = schema;
    return (allOf as unknown[])
      .map((s) => resolve(asSchema(s), root, seen + 1))
      .reduce(merge, rest);
  }
  return schema;
}

function merge(a: Schema, b: Schema): Schema {
  const properties = {
    ...(isObject(a.properties) ? a.properties : {}),
    ...(isObject(b.properties) ? b.properties : {}),
  };
  const required = [
    ...(Array.isArray(a.required) ? a.required : []),
    ...(Array.isArray(b.required) ? b.required : []),
  ];
  return { ...a, ...b, properties, required: [...new Set(required)] };
}

/** A local JSON pointer (`#/definitions/x`); anything else resolves to the empty schema. */
function pointer(root: Schema, ref: string): Schema {
  if (!ref.startsWith("#")) return {};
  let node: unknown = root;
  for (const raw of ref
    .slice(1)
    .split("/")
    .filter((p) => p !== "")) {
    const part = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    node = isObject(node) ? node[part] : undefined;
  }
  return asSchema(node);
}

function typeOf(schema: Schema): string | undefined {
  const t = schema.type;
  if (typeof t === "string") return t;
  if (Array.isArray(t))
    return (t as string[]).find((x) => x !== "null") ?? (t[0] as string | undefined);
  if (isObject(schema.properties)) return "object";
  if (schema.items !== undefined) return "array";
  return undefined;
}

function hasFixedValue(schema: Schema): boolean {
  return "const" in schema || Array.isArray(schema.enum) || schema.default !== undefined;
}

function lowestNumber(schema: Schema): number {
  const min = typeof schema.minimum === "number" ? schema.minimum : undefined;
  const exclusive = schema.exclusiveMinimum;
  // draft-07 gives exclusiveMinimum as a number; draft-04 as a flag on minimum.
  if (typeof exclusive === "number") return Math.floor(exclusive) + 1;
  if (exclusive === true && min !== undefined) return Math.floor(min) + 1;
  return min ?? 0;
}

/** `inputs` → `input`: the placeholder of one element of a list. */
function singular(key: string): string {
  return key.length > 3 && key.endsWith("s") ? key.slice(0, -1) : key;
}

/** A scalar or small value as YAML: JSON is valid YAML flow style, and quotes every string. */
function flow(value: unknown): string {
  return JSON.stringify(value) ?? "null";
}

function yamlKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key) ? key : JSON.stringify(key);
}

function indent(lines: readonly string[], prefix: string): string[] {
  return lines.map((l) => `${prefix}${l}`);
}

function asSchema(value: unknown): Schema {
  return isObject(value) ? value : {};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
