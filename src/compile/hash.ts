import { sha256Hex } from "../validate/text-hash.js";

/** The first `length` hex characters of the SHA-256 of a text. */
export function shortHash(text: string, length = 8): string {
  return sha256Hex(text).slice(0, length);
}

/**
 * JSON with object keys sorted at every level, so two equal values always serialize to the
 * same text whatever order their keys were built in (hash inputs must not depend on it).
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}
