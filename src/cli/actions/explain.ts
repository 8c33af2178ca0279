import { stringify } from "yaml";
import type { StackSummary } from "../../build/list-stacks.js";
import { didYouMean, formatChoices } from "../../diagnostics/suggest.js";
import { compareVersions, latestVersion, parseStackRef } from "../../resolve/stack-ref.js";
import { EXIT, type CommandContext } from "../command.js";
import { exitCodeFor } from "../exit-code.js";
import { namesObject, runExplainObject } from "../explain-object.js";
import { loadRepoConfig, mergeSources } from "../repo-config.js";

type Schema = Record<string, unknown>;

/** What an `explain` argument names. Only stacks today; emitted objects are a planned target. */
type ExplainTarget = { kind: "stack"; stack: StackSummary } | { kind: "unknown"; hint: string };

/** Runs `stackyard explain`: a stack's stackSpec as documentation, or an emitted object's origin. */
export async function runExplain(ctx: CommandContext): Promise<number> {
  if (namesObject(ctx.args[0]!)) return runExplainObject(ctx, ctx.args[0]!, ctx.args[1]);
  if (ctx.args.length > 1)
    return ctx.usageError(
      "FIELD applies to an emitted object, not to a stack",
      "name the object as KIND/NAME",
    );
  const loaded = await loadRepoConfig(ctx);
  if (!loaded.ok) return EXIT.invalid;
  const result = await ctx.core.listStacks({ root: ctx.root, config: loaded.config });
  const diagnostics = [...loaded.diagnostics, ...result.diagnostics];
  ctx.report(diagnostics, mergeSources(loaded.sources, result.sources));
  const target = explainTarget(ctx.args[0]!, result.stacks);
  if (target.kind === "unknown")
    return ctx.usageError(`nothing named ${ctx.args[0]!} to explain`, target.hint);
  ctx.io.stdout(explainStack(target.stack));
  return exitCodeFor(diagnostics);
}

/**
 * Tells what the argument names. A stack reference has the shape `name[+flavor][:version]` and
 * its name (or an alias) is a known stack; anything else is left for other targets.
 */
function explainTarget(arg: string, stacks: readonly StackSummary[]): ExplainTarget {
  const ref = parseStackRef(arg);
  const names = [...new Set(stacks.flatMap((s) => [s.name, ...s.aliases]))].sort();
  if (ref === undefined || !names.includes(ref.name)) {
    const guess = didYouMean(ref?.name ?? arg, names);
    return {
      kind: "unknown",
      hint: `${guess ? `did you mean \`${guess}\`? ` : ""}stacks: ${formatChoices(names)}`,
    };
  }
  const candidates = stacks.filter(
    (s) =>
      (s.name === ref.name || s.aliases.includes(ref.name)) &&
      (s.flavor ?? "") === (ref.flavor ?? ""),
  );
  const versions = candidates.map((s) => s.version).sort(compareVersions);
  const version = ref.version ?? latestVersion(versions);
  const stack = candidates.find((s) => s.version === version);
  if (stack !== undefined) return { kind: "stack", stack };
  const refs = stacks
    .filter((s) => s.name === ref.name || s.aliases.includes(ref.name))
    .map((s) => s.ref);
  return { kind: "unknown", hint: `${ref.name} has: ${formatChoices(refs)}` };
}

/** The whole page for one stack: header, fields, example. */
function explainStack(stack: StackSummary): string {
  const lines = [
    `STACK     ${stack.ref}${stack.aliases.length > 0 ? ` (also ${stack.aliases.join(", ")})` : ""}`,
  ];
  lines.push(`RUNS      ${stack.image ?? "the image named in stackSpec"}`);
  lines.push(`IN        ${stack.orchestrators.join(", ") || "no orchestrator"}`);
  lines.push(
    `FROM      ${stack.builtin ? `built-in (${stack.file.replace(/^builtin:/, "")})` : stack.file}`,
  );
  if (stack.summary) lines.push("", ...wrap(stack.summary, 96, ""));
  const schema = isSchema(stack.schema) ? stack.schema : undefined;
  lines.push("", "STACKSPEC FIELDS");
  if (schema === undefined)
    lines.push("  (the stack declares no stackSpec schema: any mapping is accepted)");
  else lines.push(...describeObject(schema, schema, "  ", 0), ...alternatives(schema, "  "));
  lines.push(
    "",
    "EXAMPLE",
    ...indentLines(stringify({ stackSpec: exampleOf(schema) }, { lineWidth: 0 }), "  "),
  );
  return `${lines.join("\n")}\n`;
}

const MAX_DEPTH = 8;

/** One entry per property: `name <type>`, flags, description and constraints, then children. */
function describeObject(schema: Schema, root: Schema, indent: string, depth: number): string[] {
  const props = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const out: string[] = [];
  for (const [name, raw] of Object.entries(props)) {
    const prop = deref(raw, root);
    const flag = required.has(name) ? "  (required)" : "";
    out.push(`${indent}${name}  <${typeName(prop, root)}>${flag}`);
    for (const note of notes(prop)) out.push(...wrap(note, 96, `${indent}    `));
    out.push(...children(prop, root, `${indent}  `, depth + 1));
  }
  const extra = schema.additionalProperties;
  if (Object.keys(props).length === 0 && isSchema(extra))
    out.push(`${indent}<any key>  <${typeName(deref(extra, root), root)}>`);
  return out;
}

/** Fields of a nested object, of list items that are objects, or of map values. */
function children(prop: Schema, root: Schema, indent: string, depth: number): string[] {
  if (depth > MAX_DEPTH) return [];
  const items = isSchema(prop.items) ? deref(prop.items, root) : undefined;
  const target = items ?? prop;
  if (!isSchema(target.properties)) return [];
  return [...describeObject(target, root, indent, depth), ...alternatives(target, indent)];
}

/** `oneOf`/`anyOf` of `required` lists: "needs one of depot, type". */
function alternatives(schema: Schema, indent: string): string[] {
  return (["oneOf", "anyOf"] as const).flatMap((key) => {
    const options = Array.isArray(schema[key]) ? (schema[key] as unknown[]) : [];
    const requiredSets = options
      .filter(isSchema)
      .map((o) => (Array.isArray(o.required) ? (o.required as string[]).join(" + ") : ""));
    if (requiredSets.length === 0 || requiredSets.includes("")) return [];
    return [
      `${indent}(needs ${key === "oneOf" ? "exactly one" : "at least one"} of: ${requiredSets.join(", ")})`,
    ];
  });
}

function typeName(schema: Schema, root: Schema): string {
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if ("const" in schema) return JSON.stringify(schema.const);
  const alternativesOf = (
    Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : []
  ) as unknown[];
  const types = Array.isArray(schema.type)
    ? (schema.type as string[])
    : typeof schema.type === "string"
      ? [schema.type]
      : [];
  if (types.length === 0 && alternativesOf.some((a) => isSchema(a) && a.type !== undefined)) {
    return alternativesOf
      .filter(isSchema)
      .map((a) => typeName(deref(a, root), root))
      .join(" | ");
  }
  return (types.length > 0 ? types : ["any"])
    .map((t) => (t === "array" ? `list of ${itemType(schema, root)}` : mapOrType(t, schema, root)))
    .join(" | ");
}

function itemType(schema: Schema, root: Schema): string {
  return isSchema(schema.items) ? typeName(deref(schema.items, root), root) : "any";
}

function mapOrType(type: string, schema: Schema, root: Schema): string {
  if (type === "object" && !isSchema(schema.properties) && isSchema(schema.additionalProperties)) {
    return `map of ${typeName(deref(schema.additionalProperties, root), root)}`;
  }
  return type;
}

/** The description, then constraints a user would otherwise learn from an error. */
function notes(schema: Schema): string[] {
  const out = typeof schema.description === "string" ? [schema.description] : [];
  const constraints: string[] = [];
  if (typeof schema.pattern === "string") constraints.push(`matches ${schema.pattern}`);
  for (const [key, label] of [
    ["minimum", "≥"],
    ["maximum", "≤"],
    ["minItems", "items ≥"],
    ["minLength", "length ≥"],
  ] as const) {
    if (typeof schema[key] === "number") constraints.push(`${label} ${schema[key] as number}`);
  }
  if ("default" in schema) constraints.push(`default ${JSON.stringify(schema.default)}`);
  if (schema.additionalProperties === false && isSchema(schema.properties))
    constraints.push("no other keys");
  if (constraints.length > 0) out.push(constraints.join("; "));
  return out;
}

/** The schema's own `examples[0]`, else a skeleton of its required fields. */
function exampleOf(schema: Schema | undefined): unknown {
  if (schema === undefined) return {};
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  return skeleton(schema, schema, 0) ?? {};
}

function skeleton(raw: Schema, root: Schema, depth: number): unknown {
  const schema = deref(raw, root);
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ("default" in schema) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (depth > MAX_DEPTH) return null;
  if (type === "array")
    return isSchema(schema.items) ? [skeleton(schema.items, root, depth + 1)] : [];
  if (type === "object" || isSchema(schema.properties)) {
    const props = isSchema(schema.properties) ? schema.properties : {};
    const first = firstAlternative(schema);
    const required = [
      ...(Array.isArray(schema.required) ? (schema.required as string[]) : []),
      ...first,
    ];
    return Object.fromEntries(
      required
        .filter((k) => isSchema(props[k]))
        .map((k) => [k, skeleton(props[k] as Schema, root, depth + 1)]),
    );
  }
  if (type === "integer" || type === "number")
    return typeof schema.minimum === "number" ? schema.minimum : 1;
  if (type === "boolean") return true;
  if (typeof schema.pattern === "string" && schema.pattern.startsWith("^dataos://"))
    return "dataos://depot:collection/dataset";
  return `<${typeof schema.description === "string" ? "string" : "value"}>`;
}

function firstAlternative(schema: Schema): string[] {
  const options = (
    Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : []
  ) as unknown[];
  const first = options[0];
  return isSchema(first) && Array.isArray(first.required) ? (first.required as string[]) : [];
}

/** Follows a local `$ref` (`#/definitions/x`, `#/$defs/x`); other references stay as they are. */
function deref(raw: unknown, root: Schema): Schema {
  let schema = isSchema(raw) ? raw : {};
  for (
    let hops = 0;
    typeof schema.$ref === "string" && schema.$ref.startsWith("#/") && hops < MAX_DEPTH;
    hops++
  ) {
    let target: unknown = root;
    for (const part of schema.$ref.slice(2).split("/"))
      target = isSchema(target) ? target[part] : undefined;
    const { $ref: _ref, ...rest } = schema;
    schema = { ...(isSchema(target) ? target : {}), ...rest };
  }
  return schema;
}

function isSchema(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function wrap(text: string, width: number, indent: string): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== "" && indent.length + line.length + 1 + word.length > width) {
      out.push(indent + line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") out.push(indent + line);
  return out;
}

function indentLines(text: string, indent: string): string[] {
  return text
    .replace(/\n$/, "")
    .split("\n")
    .map((l) => indent + l);
}
