import type { SecretResource } from "./types.js";

/** The keys a secret declares (`data` and `files`), sorted; none for an unknown secret. */
export function declaredKeys(secret: SecretResource | undefined): string[] {
  if (secret === undefined) return [];
  return [...new Set([...Object.keys(secret.spec.data), ...Object.keys(secret.spec.files)])].sort();
}
