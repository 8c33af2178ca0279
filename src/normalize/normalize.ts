import { isMap, isScalar, isSeq, Pair, Scalar, type Document, type Node, type YAMLMap } from "yaml";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { keyText } from "../parse/node-at-path.js";
import type { ParsedDocument } from "../parse/types.js";
import { DEPRECATED_STACK_KEYS, KEY_ALIASES, type KeyAlias, type Section } from "./aliases.js";

/**
 * DataOS leniency in one place: renames aliases, deprecated keys and documented typos to their
 * canonical spelling on the YAML node tree itself, so every node keeps its source range.
 * Each accepted alias yields a warning naming the canonical spelling; an alias that collides
 * with its canonical key is an error.
 */
export function normalizeDocument(source: ParsedDocument): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const root = source.doc.contents;
  if (!isMap(root)) return diagnostics;
  const ctx: Ctx = { source, diagnostics };
  const type = scalarValue(root.get("type", true));
  hoistStackJqFilters(ctx, root, type);
  applyAliases(ctx, root, "root");
  const section = typeof type === "string" ? root.get(type, true) : undefined;
  if (!isMap(section)) return diagnostics;
  switch (type) {
    case "stack":
      applyAliases(ctx, section, "stack");
      for (const block of ["workflowJobConfig", "workerConfig", "serviceConfig"]) {
        const cfg = section.get(block, true);
        if (isMap(cfg)) applyAliases(ctx, cfg, "stackConfig");
      }
      normalizeValue(section.get("secretProjection", true), "type", PROP_FILE);
      break;
    case "workflow": {
      const dag = section.get("dag", true);
      if (isSeq(dag))
        for (const entry of dag.items) if (isMap(entry)) normalizeDagEntry(ctx, entry);
      break;
    }
    case "worker":
    case "service":
      normalizeRunnable(ctx, section);
      break;
    case "depot":
      forEachMap(section.get("secrets", true), (m) => applyAliases(ctx, m, "depotSecret"));
      break;
    case "secret":
    case "instance-secret":
      applyAliases(ctx, section, "secret");
      break;
  }
  return diagnostics;
}

/**
 * A file a workflow includes as one job (`dag[].file`): its fields are a dag entry's, with the
 * same accepted spellings. (normalizeDocument cannot tell it: it has no `type:`.)
 */
export function normalizeJobFragment(source: ParsedDocument): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const root = source.doc.contents;
  if (isMap(root)) normalizeDagEntry({ source, diagnostics }, root);
  return diagnostics;
}

interface Ctx {
  source: ParsedDocument;
  diagnostics: Diagnostic[];
}

const PROP_FILE: Record<string, string> = { propfile: "propFile", PropFile: "propFile" };

function normalizeDagEntry(ctx: Ctx, entry: YAMLMap): void {
  const spec = entry.get("spec", true);
  if (isMap(spec)) {
    // The docs put retry and file either on the dag entry or inside spec; the entry is canonical.
    for (const key of ["retry", "file"]) moveKeyUp(ctx, spec, entry, key);
    normalizeRunnable(ctx, spec);
  }
}

function normalizeRunnable(ctx: Ctx, spec: YAMLMap): void {
  applyAliases(ctx, spec, "runnable");
  renameStackNamedKey(ctx, spec);
  for (const list of ["dataosSecrets", "secrets"]) {
    forEachMap(spec.get(list, true), (m) => {
      applyAliases(ctx, m, "secretRef");
      normalizeValue(m, "consumptionType", PROP_FILE);
    });
  }
  const level = spec.get("logLevel", true);
  if (isScalar(level) && typeof level.value === "string") {
    const upper = level.value.toUpperCase();
    level.value = upper === "WARNING" ? "WARN" : upper;
  }
}

/** `flare:`, `bento:`, … are the deprecated spellings of `stackSpec`. */
function renameStackNamedKey(ctx: Ctx, spec: YAMLMap): void {
  for (const pair of spec.items) {
    const name = keyText(pair.key);
    if (!DEPRECATED_STACK_KEYS.includes(name) || !isMap(pair.value)) continue;
    rename(ctx, spec, pair, {
      from: name,
      to: "stackSpec",
      why: `the stack-named key \`${name}:\` is deprecated`,
    });
  }
}

function applyAliases(ctx: Ctx, map: YAMLMap, section: Section): void {
  for (const alias of KEY_ALIASES[section]) {
    const pair = map.items.find((p) => keyText(p.key) === alias.from);
    if (pair) rename(ctx, map, pair, alias);
  }
}

function rename(ctx: Ctx, map: YAMLMap, pair: Pair, alias: KeyAlias): void {
  const keyNode = pair.key as Node;
  const range = nodeRange(keyNode);
  if (map.items.some((p) => p !== pair && keyText(p.key) === alias.to)) {
    ctx.diagnostics.push(
      diag(
        "YAML_DUPLICATE_KEY",
        `\`${alias.from}\` and \`${alias.to}\` are the same field; only one may be given`,
        { file: ctx.source.file, range },
        { hint: `remove \`${alias.from}\` and keep \`${alias.to}\`` },
      ),
    );
    return;
  }
  if (!alias.silent) {
    ctx.diagnostics.push(
      diag(
        "DEPRECATED_SPELLING",
        `${alias.why}; read as \`${alias.to}\``,
        { file: ctx.source.file, range },
        { hint: `write \`${alias.to}\` instead of \`${alias.from}\`` },
      ),
    );
  }
  if (isScalar(keyNode)) keyNode.value = alias.to;
  else pair.key = new Scalar(alias.to);
}

/** Moves `key` from a nested mapping to its parent, unless the parent already has it. */
function moveKeyUp(ctx: Ctx, from: YAMLMap, to: YAMLMap, key: string): void {
  const index = from.items.findIndex((p) => keyText(p.key) === key);
  if (index === -1) return;
  const pair = from.items[index]!;
  if (to.items.some((p) => keyText(p.key) === key)) {
    ctx.diagnostics.push(
      diag(
        "YAML_DUPLICATE_KEY",
        `\`${key}\` is given both on the dag entry and inside its spec`,
        { file: ctx.source.file, range: nodeRange(pair.key as Node) },
        { hint: `keep one \`${key}\`, on the dag entry` },
      ),
    );
    return;
  }
  from.items.splice(index, 1);
  to.items.push(pair);
}

/** A stack skeleton in the docs puts dataOsAddressJqFilters beside `stack:` instead of in it. */
function hoistStackJqFilters(ctx: Ctx, root: YAMLMap, type: unknown): void {
  if (type !== "stack") return;
  const stack = root.get("stack", true);
  if (!isMap(stack)) return;
  const index = root.items.findIndex((p) => keyText(p.key) === "dataOsAddressJqFilters");
  if (index === -1) return;
  const pair = root.items[index]!;
  const range = nodeRange(pair.key as Node);
  if (stack.items.some((p) => keyText(p.key) === "dataOsAddressJqFilters")) {
    ctx.diagnostics.push(
      diag(
        "YAML_DUPLICATE_KEY",
        "dataOsAddressJqFilters is given both at top level and in `stack:`",
        {
          file: ctx.source.file,
          range,
        },
      ),
    );
    return;
  }
  ctx.diagnostics.push(
    diag(
      "DEPRECATED_SPELLING",
      "dataOsAddressJqFilters belongs inside `stack:`; read as `stack.dataOsAddressJqFilters`",
      { file: ctx.source.file, range },
      { hint: "indent dataOsAddressJqFilters under `stack:`" },
    ),
  );
  root.items.splice(index, 1);
  stack.items.push(pair);
}

function normalizeValue(map: unknown, key: string, table: Record<string, string>): void {
  if (!isMap(map)) return;
  const node = map.get(key, true);
  if (isScalar(node) && typeof node.value === "string" && table[node.value] !== undefined) {
    node.value = table[node.value];
  }
}

function forEachMap(seq: unknown, fn: (m: YAMLMap) => void): void {
  if (isSeq(seq)) for (const item of seq.items) if (isMap(item)) fn(item);
}

function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

function nodeRange(node: Node): { start: number; end: number } {
  const r = node.range;
  return r ? { start: r[0], end: Math.max(r[1], r[0] + 1) } : { start: 0, end: 1 };
}

export type { Document };
