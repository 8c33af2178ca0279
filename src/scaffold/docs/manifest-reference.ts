import { DEPRECATED_STACK_KEYS, KEY_ALIASES, type Section } from "../../normalize/aliases.js";
import { runnableProperties } from "../../validate/schemas/common.js";
import { RESOURCE_TYPES, VERSIONS } from "../../validate/schemas/envelopes.js";
import { RUNNABLE_AT } from "../editor-aliases.js";
import { documentedSchema } from "../editor-schemas.js";
import { isSchema, schemaAt, type Schema } from "../schema-walk.js";
import { GENERATED_NOTICE } from "./notice.js";
import { schemaTypeText } from "./type-text.js";

/** Nested mappings are listed down to this depth; deeper ones are described by their type. */
const MAX_DEPTH = 4;
const META_FIELDS = [
  "name",
  "version",
  "type",
  "tags",
  "description",
  "owner",
  "layer",
  "workspace",
];
/** The common fields whose allowed values depend on the type: say so instead of the service's. */
const COMMON_TYPE: Record<string, { type: string }> = {
  type: { type: "one of the types below" },
  version: { type: "per type (below)" },
};
const RUNNABLE_FIELDS = new Set(Object.keys(runnableProperties));

/** Where each alias section applies, in words. */
const SECTION_PLACES: Record<Section, string> = {
  root: "top level",
  stack: "`stack:`",
  stackConfig: "`workflowJobConfig:`, `workerConfig:`, `serviceConfig:`",
  runnable: "runnable fields",
  secretRef: "`secrets[]`, `dataosSecrets[]`",
  depotSecret: "depot `secrets[]`",
  secret: "`secret:`, `instance-secret:`",
};

/**
 * docs/manifests.md, generated from the envelope schemas stackyard validates with, the field
 * descriptions of field-docs.ts and the aliases of src/normalize: it cannot drift from them.
 */
export function manifestReferenceDoc(): string {
  const service = documentedSchema("service");
  const lines = [
    "# Manifest reference",
    "",
    GENERATED_NOTICE,
    "",
    "Every Stack and Resource manifest is a YAML mapping with the common fields below and a",
    "section named after its `type`. Unknown fields are errors (with a did-you-mean); the",
    "aliases at the end are accepted with a warning. Editors get the same rules from",
    "`stackyard schemas`.",
    "",
    "Types: " + RESOURCE_TYPES.map((t) => `[\`${t}\`](#${t})`).join(", "),
    "",
    "## Common fields",
    "",
    ...table(
      META_FIELDS.map((k) => ({
        ...row(k, schemaAt(service, [k])!, isRequired(service, k)),
        ...COMMON_TYPE[k],
      })),
    ),
    "",
    "## Runnable fields",
    "",
    "Workflow jobs (`workflow.dag[].spec`), Workers (`worker:`) and Services (`service:`) share",
    "these fields, besides their own.",
    "",
    ...table(rows(schemaAt(service, ["service"])!, "", 1, (k) => RUNNABLE_FIELDS.has(k))),
  ];
  for (const type of RESOURCE_TYPES) lines.push("", ...typeSection(type));
  lines.push("", ...aliasSection());
  return `${lines.join("\n")}\n`;
}

function typeSection(type: string): string[] {
  const schema = documentedSchema(type);
  const section = schemaAt(schema, [type])!;
  const runnableAt = RUNNABLE_AT[type];
  // Runnable fields are listed once above; here only what the type adds.
  const base = runnableAt === undefined ? undefined : dotted(runnableAt.slice(1));
  const isRunnableField = (key: string, path: string) =>
    base !== undefined &&
    RUNNABLE_FIELDS.has(key) &&
    path === (base === "" ? key : `${base}.${key}`);
  const own = rows(section, "", 1, (k, p) => !isRunnableField(k, p));
  const lines = [
    `## ${type}`,
    "",
    `\`type: ${type}\` — \`version:\` ${(VERSIONS[type] ?? []).map((v) => `\`${v}\``).join(", ")}.`,
  ];
  if (runnableAt !== undefined)
    lines.push(`\`${dotted(runnableAt)}\` also takes the [runnable fields](#runnable-fields).`);
  lines.push("", `Fields under \`${type}:\`:`, "", ...table(own));
  return lines;
}

interface Row {
  path: string;
  type: string;
  required: boolean;
  meaning: string;
}

/** Rows for an object's properties, descending into nested mappings and lists of mappings. */
function rows(
  schema: Schema,
  prefix: string,
  depth: number,
  keep: (key: string, path: string) => boolean,
): Row[] {
  const props = isSchema(schema.properties) ? schema.properties : {};
  const out: Row[] = [];
  for (const [key, value] of Object.entries(props)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (!isSchema(value) || !keep(key, path)) continue;
    out.push(row(path, value, isRequired(schema, key)));
    if (depth >= MAX_DEPTH) continue;
    if (isSchema(value.properties)) out.push(...rows(value, path, depth + 1, keep));
    const items = value.items;
    if (isSchema(items) && isSchema(items.properties))
      out.push(...rows(items, `${path}[]`, depth + 1, keep));
  }
  return out;
}

function row(path: string, schema: Schema, required: boolean): Row {
  const meaning = typeof schema.description === "string" ? schema.description : "";
  return { path, type: schemaTypeText(schema), required, meaning };
}

function isRequired(schema: Schema, key: string): boolean {
  return Array.isArray(schema.required) && schema.required.includes(key);
}

function table(list: readonly Row[]): string[] {
  return [
    "| field | type | required | meaning |",
    "|---|---|---|---|",
    ...list.map(
      (r) =>
        `| \`${r.path}\` | ${cell(r.type)} | ${r.required ? "yes" : ""} | ${cell(r.meaning)} |`,
    ),
  ];
}

function aliasSection(): string[] {
  const aliasRows = (Object.keys(KEY_ALIASES) as Section[]).flatMap((section) =>
    KEY_ALIASES[section].map(
      (a) =>
        `| \`${a.from}\` | \`${a.to}\` | ${SECTION_PLACES[section]} | ${cell(a.silent ? "both spellings are documented; no warning" : a.why)} |`,
    ),
  );
  const stackKeys = DEPRECATED_STACK_KEYS.map(
    (k) =>
      `| \`${k}\` | \`stackSpec\` | runnable fields | ${cell(`the stack-named key \`${k}:\` is deprecated`)} |`,
  );
  return [
    "## Aliases and accepted typos",
    "",
    "DataOS documents several spellings of some fields. stackyard reads each as the canonical",
    "field and warns (`DEPRECATED_SPELLING`), so a manifest written for DataOS compiles",
    "unchanged. Giving both spellings is an error.",
    "",
    "| written | read as | where | why |",
    "|---|---|---|---|",
    ...aliasRows,
    ...stackKeys,
    "| `dataOsAddressJqFilters` at top level | `stack.dataOsAddressJqFilters` | stack manifests | a stack skeleton in the docs puts it beside `stack:` |",
    "| `spec.retry`, `spec.file` | `dag[].retry`, `dag[].file` | workflow jobs | the docs show both places |",
    "| `logLevel: info`, `WARNING` | `INFO`, `WARN` | runnable fields | levels are upper-cased; WARNING means WARN |",
    "| `propfile`, `PropFile` | `propFile` | `consumptionType`, `secretProjection.type` | both spellings appear in the docs |",
  ];
}

/** `["workflow", "dag", "[]", "spec"]` → `workflow.dag[].spec`. */
function dotted(path: readonly string[]): string {
  return path.join(".").replace(/\.\[\]/g, "[]");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
