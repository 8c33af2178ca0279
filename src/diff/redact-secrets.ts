import { emitYaml } from "../emit/index.js";
import type { K8sObject } from "../emit/types.js";
import type { DiffObject } from "./types.js";

/**
 * The text a diff may show of an object. A Secret's values are replaced, helm-diff style, by
 * their byte length; on the head side a value that differs from the base's is also marked
 * `changed`, so its line differs even when the length does not. A value never reaches a
 * terminal, a log or a pull-request comment, even encrypted.
 */
export function displayText(
  object: DiffObject,
  other: DiffObject | undefined,
  side: "base" | "head",
): string {
  if (!isSecret(object)) return object.text;
  const redacted: Record<string, unknown> = { ...object.object };
  for (const field of ["data", "stringData"] as const) {
    const values = object.object[field];
    if (!isRecord(values)) continue;
    const before = other !== undefined && isSecret(other) ? other.object[field] : undefined;
    redacted[field] = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [
        k,
        placeholder(field, v, isRecord(before) ? before[k] : undefined, side),
      ]),
    );
  }
  return emitYaml(redacted as K8sObject);
}

/** True for a core/v1 Secret. */
export function isSecret(object: Pick<DiffObject, "apiVersion" | "kind">): boolean {
  return object.apiVersion === "v1" && object.kind === "Secret";
}

function placeholder(
  field: "data" | "stringData",
  value: unknown,
  before: unknown,
  side: "base" | "head",
): string {
  const bytes = byteLength(field, value);
  const changed = side === "head" && before !== undefined && before !== value;
  return changed ? `(redacted, ${bytes} bytes, changed)` : `(redacted, ${bytes} bytes)`;
}

/** `data` holds base64: its length is that of the decoded bytes. */
function byteLength(field: "data" | "stringData", value: unknown): number {
  const text = typeof value === "string" ? value : String(value);
  return field === "data" ? Buffer.from(text, "base64").length : Buffer.byteLength(text, "utf8");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
