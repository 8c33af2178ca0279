import { DEPRECATED_STACK_KEYS, KEY_ALIASES, type KeyAlias } from "../normalize/aliases.js";
import { isSchema, schemaAt, type Schema } from "./schema-walk.js";

/** Where the runnable fields (stack, compute, stackSpec, …) sit in each runnable type. */
export const RUNNABLE_AT: Record<string, readonly string[]> = {
  workflow: ["workflow", "dag", "[]", "spec"],
  worker: ["worker"],
  service: ["service"],
};

/** Values normalize rewrites, so the editor must accept them too. */
const PROP_FILE_SPELLINGS = ["propfile", "PropFile"];
const LOG_LEVELS = ["INFO", "WARN", "DEBUG", "ERROR"];

/**
 * Teaches an editor schema the leniency of src/normalize: every alias and documented typo the
 * compiler accepts is a property too, marked deprecated so the editor strikes it through with
 * the canonical spelling, instead of calling valid input an error. Mutates `schema`.
 */
export function addAliases(schema: Schema, type: string): void {
  const section = schemaAt(schema, [type]);
  if (section === undefined) return;
  if (type === "stack") addStackAliases(schema, section);
  if (type === "depot") aliasAll(schemaAt(section, ["secrets", "[]"]), KEY_ALIASES.depotSecret);
  if (type === "secret" || type === "instance-secret") aliasAll(section, KEY_ALIASES.secret);
  const at = RUNNABLE_AT[type];
  const runnable = at === undefined ? undefined : schemaAt(schema, at);
  if (runnable !== undefined)
    addRunnableAliases(
      runnable,
      type === "workflow" ? schemaAt(schema, at!.slice(0, -1)) : undefined,
    );
}

function addStackAliases(schema: Schema, section: Schema): void {
  aliasAll(section, KEY_ALIASES.stack);
  for (const block of ["workflowJobConfig", "workerConfig", "serviceConfig"]) {
    aliasAll(schemaAt(section, [block]), KEY_ALIASES.stackConfig);
  }
  const filters = schemaAt(section, ["dataOsAddressJqFilters"]);
  if (filters !== undefined) {
    propertiesOf(schema).dataOsAddressJqFilters = deprecated(
      filters,
      "dataOsAddressJqFilters belongs inside `stack:`",
    );
  }
  extendEnum(schemaAt(section, ["secretProjection", "type"]), PROP_FILE_SPELLINGS);
}

/** Runnable aliases; `dagEntry` is the workflow job around a spec (retry and file may sit inside). */
function addRunnableAliases(runnable: Schema, dagEntry: Schema | undefined): void {
  aliasAll(runnable, KEY_ALIASES.runnable);
  const stackSpec = schemaAt(runnable, ["stackSpec"]) ?? {};
  for (const key of DEPRECATED_STACK_KEYS) {
    propertiesOf(runnable)[key] = deprecated(
      stackSpec,
      `\`${key}:\` is the deprecated spelling of \`stackSpec\``,
    );
  }
  for (const ref of [schemaAt(runnable, ["dataosSecrets", "[]"]), secretObjectBranch(runnable)]) {
    aliasAll(ref, KEY_ALIASES.secretRef);
    extendEnum(
      ref === undefined ? undefined : schemaAt(ref, ["consumptionType"]),
      PROP_FILE_SPELLINGS,
    );
  }
  acceptAnyCase(schemaAt(runnable, ["logLevel"]));
  if (dagEntry === undefined) return;
  for (const key of ["retry", "file"]) {
    const moved = schemaAt(dagEntry, [key]);
    if (moved)
      propertiesOf(runnable)[key] = deprecated(
        moved,
        `\`${key}\` belongs on the dag entry, beside \`spec\``,
      );
  }
}

/** normalize upper-cases the log level and reads WARNING as WARN; completion offers the canonical ones. */
function acceptAnyCase(level: Schema | undefined): void {
  if (level === undefined) return;
  delete level.enum;
  level.anyOf = [
    { enum: LOG_LEVELS },
    { type: "string", pattern: `^(${[...LOG_LEVELS, "WARNING"].map(anyCase).join("|")})$` },
  ];
}

/** `secrets:` items are a name or a mapping: the mapping is the second anyOf branch. */
function secretObjectBranch(runnable: Schema): Schema | undefined {
  const items = schemaAt(runnable, ["secrets", "[]"]);
  const branches = items?.anyOf;
  return Array.isArray(branches)
    ? (branches.find((b) => isSchema(b) && b.type === "object") as Schema | undefined)
    : undefined;
}

function aliasAll(target: Schema | undefined, aliases: readonly KeyAlias[]): void {
  if (target === undefined) return;
  const props = propertiesOf(target);
  for (const alias of aliases) {
    const canonical = props[alias.to];
    if (!isSchema(canonical) || alias.from in props) continue;
    props[alias.from] = alias.silent ? canonical : deprecated(canonical, alias.why);
  }
}

function deprecated(schema: Schema, why: string): Schema {
  return { ...schema, deprecationMessage: `${why}. stackyard accepts it with a warning.` };
}

function extendEnum(target: Schema | undefined, values: readonly string[]): void {
  if (target !== undefined && Array.isArray(target.enum)) target.enum = [...target.enum, ...values];
}

function propertiesOf(schema: Schema): Record<string, unknown> {
  if (!isSchema(schema.properties)) schema.properties = {};
  return schema.properties as Record<string, unknown>;
}

/** `INFO` → `[Ii][Nn][Ff][Oo]`: JSON Schema patterns have no case-insensitive flag. */
function anyCase(word: string): string {
  return [...word].map((c) => `[${c.toUpperCase()}${c.toLowerCase()}]`).join("");
}
