import type { ErrorObject } from "ajv";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { isSecretValuePath } from "../diagnostics/secret-fields.js";
import { didYouMean, formatChoices } from "../diagnostics/suggest.js";
import { rangeAtPath } from "../parse/node-at-path.js";
import type { NodePath, ParsedDocument } from "../parse/types.js";
import { isSecretDocument } from "./check-secrets.js";
import { QUANTITY } from "./schemas/common.js";

/** How to phrase and place the errors of one validation. */
export interface AjvErrorContext {
  source: ParsedDocument;
  /** Path of the validated value inside the document. */
  basePath: NodePath;
  /** Prefix for messages, e.g. "stackSpec" ("stackSpec.driver.cores must be integer"). */
  label?: string;
  /** Added to every diagnostic: e.g. the stack whose schema was applied. */
  related?: Diagnostic["related"];
  /** Override the code used for value errors (STACKSPEC_INVALID for stack schemas). */
  code?: "STACKSPEC_INVALID";
}

/**
 * Turns ajv errors into positioned diagnostics: unknown keys with a did-you-mean, missing fields
 * at the mapping that lacks them, wrong types and values with what would be valid.
 */
export function mapAjvErrors(errors: readonly ErrorObject[], ctx: AjvErrorContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const secret = isSecretDocument(ctx.source);
  for (const error of pruneBranchNoise(errors)) {
    const hidden =
      secret && isSecretValuePath([...ctx.basePath, ...splitPointer(error.instancePath)]);
    const d = toDiagnostic(error, ctx, hidden);
    const key = `${d.range?.start}:${d.code}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

/** Splits an ajv instancePath (`/a/0/b~1c`) into steps, numbers for array indexes. */
export function splitPointer(pointer: string): Array<string | number> {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

/**
 * One error as a diagnostic; `hidden` when the value is a secret's: the message then says what
 * is wrong with it without quoting it.
 */
function toDiagnostic(error: ErrorObject, ctx: AjvErrorContext, hidden: boolean): Diagnostic {
  const steps = splitPointer(error.instancePath);
  const where = (extra: Array<string | number> = [], part: "key" | "value" = "value") => ({
    file: ctx.source.file,
    range: rangeAtPath(ctx.source, [...ctx.basePath, ...steps, ...extra], part),
  });
  const name = (extra: Array<string | number> = []) =>
    describePath(ctx.label, [...steps, ...extra]);
  const valueCode = ctx.code ?? "INVALID_VALUE";
  const related = ctx.related ? { related: ctx.related } : {};
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(p.additionalProperty);
      const allowed = Object.keys(
        ((error.parentSchema as Record<string, unknown> | undefined)?.properties ?? {}) as object,
      );
      const guess = didYouMean(key, allowed);
      return diag(
        ctx.code ?? "UNKNOWN_FIELD",
        `unknown field \`${key}\` in ${name() || "the document"}`,
        where([key], "key"),
        {
          hint: guess ? `did you mean \`${guess}\`?` : `allowed here: ${formatChoices(allowed)}`,
          ...related,
        },
      );
    }
    case "required": {
      const missing = String(p.missingProperty);
      return diag(
        ctx.code ?? "MISSING_FIELD",
        `missing required field \`${name([missing])}\``,
        where([missing]),
        { hint: `add \`${missing}:\``, ...related },
      );
    }
    case "type": {
      const expected = String(p.type).replace(/,/g, " or ");
      const hint =
        steps.at(-1) === "version" && expected === "string"
          ? 'versions are strings: quote it, e.g. version: "1.0"'
          : `write ${article(expected)}`;
      return diag(
        ctx.code ?? "WRONG_TYPE",
        `\`${name()}\` must be ${article(expected)}, not ${kindOf(error.data, hidden)}`,
        where(),
        { hint, ...related },
      );
    }
    case "enum":
    case "const": {
      const allowed = (
        error.keyword === "enum" ? (p.allowedValues as unknown[]) : [p.allowedValue]
      ).map(String);
      const guess = didYouMean(String(error.data), allowed);
      return diag(
        valueCode,
        hidden
          ? `\`${name()}\` holds a value that is not allowed (${NOT_SHOWN})`
          : `\`${name()}\` is ${JSON.stringify(error.data)}, which is not allowed`,
        where(),
        {
          hint: guess
            ? `did you mean \`${guess}\`? allowed: ${formatChoices(allowed)}`
            : `allowed: ${formatChoices(allowed)}`,
          ...related,
        },
      );
    }
    case "pattern":
    case "maxLength": {
      const isName = steps.at(-1) === "name" || steps.at(-1) === "workspace";
      if (isName && ctx.code === undefined) return nameDiagnostic(error, name(), where(), hidden);
      if ((p as { pattern?: string }).pattern === QUANTITY)
        return diag(
          valueCode,
          hidden
            ? `\`${name()}\` holds a value that is not a Kubernetes quantity (${NOT_SHOWN})`
            : `\`${name()}\` is ${JSON.stringify(error.data)}, which is not a Kubernetes quantity`,
          where(),
          {
            hint: "write a number, or a number with a unit: 500m or 0.5 (cpu), 512Mi or 1Gi (memory)",
            ...related,
          },
        );
      return diag(valueCode, `\`${name()}\` ${error.message ?? "is invalid"}`, where(), related);
    }
    case "minItems":
      return diag(
        valueCode,
        `\`${name()}\` needs at least ${String(p.limit)} item(s)`,
        where(),
        related,
      );
    default:
      return diag(
        valueCode,
        `\`${name() || "value"}\` ${error.message ?? "is invalid"}`,
        where(),
        related,
      );
  }
}

function nameDiagnostic(
  error: ErrorObject,
  field: string,
  where: { file: string; range: { start: number; end: number } },
  hidden: boolean,
): Diagnostic {
  const value = String(error.data);
  if (error.keyword === "maxLength") {
    return diag(
      "INVALID_NAME",
      `\`${field}\` is ${value.length} characters long; at most ${String((error.params as { limit: number }).limit)} are allowed`,
      where,
      {
        hint: "shorten the name",
      },
    );
  }
  const depotRule = String((error.params as { pattern: string }).pattern).includes("[a-z0-9]*)");
  return diag(
    "INVALID_NAME",
    hidden
      ? `\`${field}\` breaks the naming rule (${NOT_SHOWN})`
      : `\`${field}\` ${JSON.stringify(value)} breaks the naming rule`,
    where,
    {
      hint: depotRule
        ? "depot names are lower-case letters and digits, starting with a letter, no hyphens"
        : "use lower-case letters, digits and '-', starting and ending with a letter or digit",
    },
  );
}

/** anyOf/oneOf report every failed branch; keep only the summary error for that path. */
function pruneBranchNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const unions = errors
    .filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf")
    .map((e) => e.instancePath);
  if (unions.length === 0) return [...errors];
  return errors.filter(
    (e) =>
      e.keyword === "anyOf" ||
      e.keyword === "oneOf" ||
      !unions.some((u) => e.instancePath === u || e.instancePath.startsWith(`${u}/`)),
  );
}

function describePath(label: string | undefined, steps: ReadonlyArray<string | number>): string {
  let s = label ?? "";
  for (const step of steps)
    s += typeof step === "number" ? `[${step}]` : s === "" ? step : `.${step}`;
  return s;
}

/** Why a message does not quote a value. */
const NOT_SHOWN = "a secret's values are never shown";

/** "a list", "the string \"x\"", or without the value when it is `hidden` ("a string"). */
function kindOf(value: unknown, hidden = false): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (hidden)
    return article(typeof value === "number" && Number.isInteger(value) ? "integer" : typeof value);
  return `${typeof value === "number" && Number.isInteger(value) ? "the integer" : `the ${typeof value}`} ${JSON.stringify(value)}`;
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: "a mapping",
    array: "a list",
    integer: "an integer",
  };
  return names[type] ?? (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
}
