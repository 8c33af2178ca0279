/**
 * Which values of a manifest are a secret's, for the texts and messages diagnostics print: in a
 * secret or instance-secret manifest, every value but the envelope's (`name:`, `type:`…) and
 * the section's settings (`secret.acl`…) is one, whatever its key, misspelled or not, at any
 * depth. A secret value must never reach a log, a CI annotation or a PR comment.
 */

/** Top-level keys of a manifest that hold no secret value: kept readable in a secret. */
export const SECRET_ENVELOPE_KEYS: ReadonlySet<string> = new Set([
  "name",
  "version",
  "type",
  "workspace",
  "description",
  "tags",
  "layer",
  "owner",
]);

/** The sections of a secret manifest: `secret:` and `instance-secret:`. */
export const SECRET_SECTIONS: ReadonlySet<string> = new Set(["secret", "instance-secret"]);

/**
 * The settings of a secret's section that hold no secret value, kept readable when written as
 * a scalar: what the secret is (`type`, `acl`, `description`) and where it already lives.
 */
export const SECRET_SECTION_SETTINGS: ReadonlySet<string> = new Set([
  "type",
  "acl",
  "description",
  "existingSecret",
  "sopsFile",
]);

/**
 * Whether a manifest is a secret's, by its `type:` or its top-level keys: `secret` and
 * `instance-secret`, and the misspellings that still say so (`instance-secrets`, `Secret`).
 */
export function isSecretManifest(type: unknown, topKeys: Iterable<unknown> = []): boolean {
  if (typeof type === "string" && /secret/i.test(type)) return true;
  for (const key of topKeys)
    if (typeof key === "string" && /^(instance-?)?secrets?$/i.test(key)) return true;
  return false;
}

/** Whether the value at `path` (from the document's root) of a secret manifest is secret. */
export function isSecretValuePath(path: ReadonlyArray<string | number>): boolean {
  if (path.length === 0) return true;
  if (SECRET_ENVELOPE_KEYS.has(String(path[0]))) return false;
  return !(
    path.length === 2 &&
    SECRET_SECTIONS.has(String(path[0])) &&
    SECRET_SECTION_SETTINGS.has(String(path[1]))
  );
}
