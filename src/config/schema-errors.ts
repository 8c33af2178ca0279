import type { ErrorObject } from "ajv";
import type { Document } from "yaml";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { didYouMean, formatChoices } from "../diagnostics/suggest.js";
import { nodeRangeAt, type ConfigPath } from "./node-range-at.js";
import { PATTERN_MEANINGS } from "./schema.js";

/** What one ajv error means to the person editing stackyard.yaml. */
interface Explained {
  path: ConfigPath;
  part: "key" | "value";
  message: string;
  hint?: string;
}

/**
 * Turns ajv's errors into CONFIG_INVALID diagnostics that point at the offending YAML node and
 * say what is valid instead. `allowedKeys` lists the keys the schema at a schema path allows,
 * for did-you-mean hints.
 */
export function schemaErrorsToDiagnostics(
  errors: readonly ErrorObject[],
  data: unknown,
  doc: Document,
  file: string,
  allowedKeys: (schemaPath: string) => string[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const explained = explain(error, data, allowedKeys);
    if (explained === undefined) continue;
    const key = `${explained.path.join("/")}:${explained.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const range = nodeRangeAt(doc, explained.path, explained.part);
    const extra = explained.hint === undefined ? undefined : { hint: explained.hint };
    out.push(diag("CONFIG_INVALID", explained.message, { file, range }, extra));
  }
  return out;
}

/** One ajv error, with its instance path decoded and the data it was checked against. */
interface ErrorContext {
  error: ErrorObject;
  params: Record<string, unknown>;
  path: ConfigPath;
  /** The path as a person writes it: `secrets.externalSecrets.storeName`, "" at the top. */
  where: string;
  data: unknown;
  allowedKeys: (schemaPath: string) => string[];
}

type Explainer = (c: ErrorContext) => Explained | undefined;

/** How each ajv keyword is put into words; other keywords fall back to ajv's own message. */
const EXPLAINERS: Record<string, Explainer> = {
  additionalProperties: (c) => {
    const key = String(c.params["additionalProperty"]);
    const allowed = c.allowedKeys(c.error.schemaPath.replace(/\/additionalProperties$/, ""));
    const guess = didYouMean(key, allowed);
    return {
      path: [...c.path, key],
      part: "key",
      message: `unknown key "${key}" ${c.where === "" ? "at the top level" : `in ${c.where}`}`,
      hint:
        guess !== undefined
          ? `did you mean "${guess}"?`
          : `allowed keys: ${formatChoices(allowed)}`,
    };
  },
  required: (c) => ({
    path: c.path,
    part: "key",
    message: `${c.where} is missing the required key "${String(c.params["missingProperty"])}"`,
  }),
  type: (c) => typeError(c.path, c.where, String(c.params["type"]), valueAt(c.data, c.path)),
  enum: (c) => {
    const allowed = (c.params["allowedValues"] as unknown[]).map(String);
    const value = valueAt(c.data, c.path);
    const guess = typeof value === "string" ? didYouMean(value, allowed) : undefined;
    return {
      path: c.path,
      part: "value",
      message: `${c.where} must be one of ${formatChoices(allowed)}, not ${show(value)}`,
      ...(guess !== undefined ? { hint: `did you mean "${guess}"?` } : {}),
    };
  },
  pattern: (c) => patternError(c.error, c.path, c.where, String(c.params["pattern"]), c.data),
  minimum: (c) => ({
    path: c.path,
    part: "value",
    message: `${c.where} must be at least ${String(c.params["limit"])}`,
  }),
  minItems: (c) => ({
    path: c.path,
    part: "value",
    message: `${c.where} must list at least ${String(c.params["limit"])} item`,
  }),
  // Reported by the inner "pattern" error, which names the offending key.
  propertyNames: () => undefined,
};

function explain(
  error: ErrorObject,
  data: unknown,
  allowedKeys: (schemaPath: string) => string[],
): Explained | undefined {
  const path = pointerToPath(error.instancePath, data);
  const c = {
    error,
    params: error.params as Record<string, unknown>,
    path,
    where: displayPath(path),
    data,
    allowedKeys,
  };
  const explainer = EXPLAINERS[error.keyword];
  if (explainer !== undefined) return explainer(c);
  return { path, part: "value", message: `${c.where} ${error.message ?? "is invalid"}` };
}

function patternError(
  error: ErrorObject,
  path: ConfigPath,
  where: string,
  pattern: string,
  data: unknown,
): Explained {
  const means = PATTERN_MEANINGS.get(pattern) ?? `a string matching ${pattern}`;
  if (error.propertyName !== undefined) {
    const key = error.propertyName;
    return {
      path: [...path, key],
      part: "key",
      message: `key "${key}" in ${where} must be ${means}`,
    };
  }
  return {
    path,
    part: "value",
    message: `${where} must be ${means}, not ${show(valueAt(data, path))}`,
  };
}

const TYPE_WORDS: Record<string, string> = {
  array: "a list",
  object: "a mapping",
  string: "a string",
  boolean: "true or false",
  integer: "a whole number",
  number: "a number",
};

function typeError(path: ConfigPath, where: string, expected: string, value: unknown): Explained {
  const subject = where === "" ? "stackyard.yaml" : where;
  const message = `${subject} must be ${TYPE_WORDS[expected] ?? expected}, not ${kindOf(value)}`;
  if (expected === "boolean" && typeof value === "string" && /^(yes|no|on|off|y|n)$/i.test(value)) {
    return {
      path,
      part: "value",
      message,
      hint: `YAML 1.2 reads ${value} as a string: write true or false`,
    };
  }
  if (expected === "string" && (typeof value === "number" || typeof value === "boolean")) {
    return { path, part: "value", message, hint: `quote it: "${String(value)}"` };
  }
  return { path, part: "value", message };
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return `${typeof value === "boolean" ? "the boolean" : "the number"} ${String(value)}`;
}

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : kindOf(value);
}

/** Decodes a JSON pointer, turning steps into sequences into numbers. */
function pointerToPath(pointer: string, data: unknown): ConfigPath {
  if (pointer === "") return [];
  const path: Array<string | number> = [];
  let node = data;
  for (const raw of pointer.slice(1).split("/")) {
    const step = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const index = Array.isArray(node) ? Number(step) : Number.NaN;
    path.push(Number.isInteger(index) ? index : step);
    node = (node as Record<string, unknown> | undefined)?.[step];
  }
  return path;
}

/** `secrets.externalSecrets.storeName`, `roots[1]`; "" for the whole file. */
export function displayPath(path: ConfigPath): string {
  return path
    .map((step, i) => (typeof step === "number" ? `[${step}]` : i === 0 ? step : `.${step}`))
    .join("");
}

function valueAt(data: unknown, path: ConfigPath): unknown {
  let node = data;
  for (const step of path) node = (node as Record<string | number, unknown> | undefined)?.[step];
  return node;
}
