/**
 * stackyard's Go text/template engine: Go 1.19 text/template + Sprig v3.2.3 + Helm's toYaml,
 * fromYaml, tpl, include and required + DataOS's helpers. The module's only entry point.
 */
import { BoundedCache } from "./cache.js";
import { TemplateError, internalTemplateError } from "./errors.js";
import { executeRun, type MissingKey, type Run } from "./exec.js";
import { FUNCTION_TABLE } from "./functions/registry.js";
import { REFUSED_FUNCTION_NAMES } from "./functions/refused.js";
import type { FuncDef } from "./functions/types.js";
import { resolveLimits, type TemplateLimits } from "./limits.js";
import type { Tree } from "./nodes.js";
import { parseTrees } from "./parser.js";
import { isTemplateValue, toTemplateValue } from "./values.js";
import { decodeYaml } from "./yaml/decode.js";

export { TemplateError } from "./errors.js";
export type { TemplateErrorKind, TemplateErrorSubject } from "./errors.js";
export type { TemplateLimits } from "./limits.js";
export { DEFAULT_LIMITS } from "./limits.js";
export { GoFloat, GoStruct, Int64, Uint64, fromTemplateValue, toTemplateValue } from "./values.js";

export type TemplateFunction = (...args: unknown[]) => unknown;

export interface RenderOptions {
  /** Template name used in errors; default "template". */
  name?: string;
  /** Extra functions (e.g. resolve); they override nothing built in except resolve. */
  funcs?: Record<string, TemplateFunction>;
  limits?: Partial<TemplateLimits>;
  /** Go's Option("missingkey=..."); default "default". */
  missingKey?: MissingKey;
}

/** A parsed template set: the top-level tree and every define/block, ready to execute. */
export interface ParsedTemplate {
  readonly name: string;
  readonly source: string;
  readonly trees: ReadonlyMap<string, Tree>;
  readonly extraFunctions: readonly string[];
}

const DEFAULT_NAME = "template";
const parseCache = new BoundedCache<ParsedTemplate>(512);

function hasFunctionIn(extra: readonly string[]): (name: string) => boolean {
  return (name) => FUNCTION_TABLE.has(name) || extra.includes(name);
}

/** Parses a template (cached by name, source and extra function names); throws TemplateError. */
export function parseTemplate(
  source: string,
  name: string = DEFAULT_NAME,
  extraFunctions: readonly string[] = [],
): ParsedTemplate {
  const extra = [...extraFunctions].sort();
  const key = `${name}\u0000${extra.join(",")}\u0000${source}`;
  const hit = parseCache.get(key);
  if (hit !== undefined) return hit;
  const trees = parseTrees(source, name, hasFunctionIn(extra));
  const parsed: ParsedTemplate = { name, source, trees, extraFunctions: extra };
  parseCache.set(key, parsed);
  return parsed;
}

function userFunctionTable(
  funcs: Record<string, TemplateFunction> | undefined,
): ReadonlyMap<string, FuncDef> {
  if (funcs === undefined || Object.keys(funcs).every((n) => FUNCTION_TABLE.has(n)))
    return FUNCTION_TABLE;
  const table = new Map(FUNCTION_TABLE);
  for (const [name, fn] of Object.entries(funcs ?? {})) {
    if (FUNCTION_TABLE.has(name) && name !== "resolve") continue;
    if (name === "resolve") continue;
    table.set(name, { params: [], variadic: "any", call: (args) => toTemplateValue(fn(...args)) });
  }
  return table;
}

function wrapResolve(
  funcs: Record<string, TemplateFunction> | undefined,
): Record<string, TemplateFunction> {
  const out: Record<string, TemplateFunction> = { ...funcs };
  const resolve = funcs?.["resolve"];
  if (resolve !== undefined) out["resolve"] = (...args) => toTemplateValue(resolve(...args));
  return out;
}

/** Executes a parsed template against data (plain JS or the data model); throws TemplateError. */
export function executeTemplate(
  tpl: ParsedTemplate,
  data: unknown,
  options: RenderOptions = {},
): string {
  const extra = Object.keys(options.funcs ?? {}).filter((n) => !FUNCTION_TABLE.has(n));
  const run: Run = {
    trees: new Map(tpl.trees),
    funcs: userFunctionTable(options.funcs),
    userFuncs: wrapResolve(options.funcs),
    limits: resolveLimits(options.limits),
    missingKey: options.missingKey ?? "default",
    steps: 0,
    iterations: 0,
    outputChars: 0,
    depth: 0,
    parseInto: (text, name, trees) =>
      parseTrees(text, name, hasFunctionIn([...tpl.extraFunctions, ...extra]), trees),
  };
  const value = isTemplateValue(data) && !containsPlainObjects(data) ? data : toTemplateValue(data);
  return executeRun(run, tpl.name, value);
}

/** Data-model roots already checked to hold no plain objects (the compiler reuses its data). */
const checkedRoots = new WeakSet<object>();

function containsPlainObjects(v: unknown): boolean {
  if (typeof v === "object" && v !== null && checkedRoots.has(v)) return false;
  let found: boolean;
  if (Array.isArray(v)) found = v.some(containsPlainObjects);
  else if (v instanceof Map) {
    found = false;
    for (const x of v.values()) if (containsPlainObjects(x)) found = true;
  } else return !isTemplateValue(v);
  if (!found) checkedRoots.add(v);
  return found;
}

/** Parses (cached) and executes a template; throws TemplateError only. */
export function renderTemplate(source: string, data: unknown, options: RenderOptions = {}): string {
  const name = options.name ?? DEFAULT_NAME;
  try {
    const extra = Object.keys(options.funcs ?? {}).filter((n) => !FUNCTION_TABLE.has(n));
    return executeTemplate(parseTemplate(source, name, extra), data, options);
  } catch (e) {
    if (e instanceof TemplateError) throw e;
    throw internalTemplateError(name, e);
  }
}

/** YAML text → data model with Go yaml.v2's int/float distinction; throws Error on bad YAML. */
export function templateValueFromYaml(yamlText: string): unknown {
  return decodeYaml(yamlText);
}

/** Names of every built-in, Sprig, Helm and DataOS function supported (refused ones excluded). */
export const TEMPLATE_FUNCTIONS: readonly string[] = [...FUNCTION_TABLE.keys()]
  .filter((n) => !(REFUSED_FUNCTION_NAMES as readonly string[]).includes(n))
  .sort();

/** Sprig functions that parse but fail when called (clock, randomness, environment, network). */
export const REFUSED_FUNCTIONS: readonly string[] = [...REFUSED_FUNCTION_NAMES];
