import { isMap, isScalar } from "yaml";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { isSecretManifest } from "../diagnostics/secret-fields.js";
import { rangeAtPath } from "../parse/node-at-path.js";
import type { ParsedDocument } from "../parse/types.js";
import type { SecretResource } from "./types.js";

/**
 * Whether a parsed manifest is a secret's, by its `type:` or its top-level keys (see
 * isSecretManifest): its values are never shown.
 */
export function isSecretDocument(source: ParsedDocument): boolean {
  const root = source.doc.contents;
  if (!isMap(root)) return false;
  const keys = root.items.map((pair) => (isScalar(pair.key) ? pair.key.value : undefined));
  return isSecretManifest(root.get("type"), keys);
}

/** A SOPS-encrypted value: `ENC[AES256_GCM,data:…,iv:…,tag:…,type:str]`. */
const SOPS_VALUE = /^ENC\[[A-Z0-9_]+,data:.*\]$/s;

/**
 * Refuses plaintext secret values in the repository. What is accepted depends on
 * `secrets.mode`: declared keys without values whose data lives in an external store
 * (external-secrets), a reference to an existing Secret (existing), or a SOPS-encrypted
 * Kubernetes Secret manifest named by `sopsFile` (sops). Messages never include the value.
 */
export function checkSecretValues(
  secret: SecretResource,
  mode: "external-secrets" | "sops" | "existing",
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const section = secret.meta.type;
  const at = (path: Array<string | number>, part: "key" | "value" = "key") => ({
    file: secret.origin.source.file,
    range: rangeAtPath(secret.origin.source, [section, ...path], part),
  });
  for (const [key, value] of Object.entries(secret.spec.data)) {
    if (value === "") continue;
    if (SOPS_VALUE.test(value)) {
      // SOPS binds each value to its key path and signs the whole file: a value moved into a
      // Kubernetes Secret would never decrypt.
      out.push(
        diag(
          "INVALID_VALUE",
          `\`${section}.data.${key}\` is SOPS-encrypted inside a DataOS manifest, where it cannot be decrypted once compiled`,
          at(["data", key]),
          {
            hint: "encrypt a Kubernetes Secret manifest with sops instead, name it with `sopsFile:` and set secrets.mode: sops",
          },
        ),
      );
      continue;
    }
    // A value a cluster override set has a marker range past the file's text (see
    // gitops/override-markers.ts): the diagnostic then points at it, and is moved to the line of
    // stackyard.yaml that wrote it, instead of at a key whose value in the file is empty.
    const valueAt = at(["data", key], "value");
    const overridden = valueAt.range.start > secret.origin.source.text.length;
    out.push(
      diag(
        "PLAINTEXT_SECRET",
        `the value of \`${section}.data.${key}\` is stored in the repository in plain text`,
        overridden ? valueAt : at(["data", key]),
        {
          hint:
            mode === "sops"
              ? "move it into a SOPS-encrypted Kubernetes Secret manifest named by `sopsFile:`"
              : mode === "external-secrets"
                ? "remove the value (write the key with no value) and store it in your secret manager; stackyard emits an ExternalSecret for it"
                : "remove the value; with secrets.mode existing the Secret must already exist in the cluster",
        },
      ),
    );
  }
  // With sops, a secret is its SOPS file, or a Secret provided otherwise (`existingSecret`). An
  // instance-secret, copied into every workspace that uses it, can only be the latter: a SOPS
  // file names one namespace and cannot be changed (sops-manifests.ts).
  const provided = secret.spec.sopsFile !== undefined || secret.spec.existingSecret !== undefined;
  if (mode === "sops" && !provided) {
    out.push(
      section === "instance-secret"
        ? diag(
            "MISSING_FIELD",
            `with secrets.mode sops, instance-secret ${secret.meta.name} needs \`existingSecret\``,
            at([]),
            {
              hint: "name with `existingSecret:` the Secret that holds it in each workspace that uses it, e.g. a workspace `secret` of that name with `sopsFile` in each (a SOPS file names one namespace)",
            },
          )
        : diag(
            "MISSING_FIELD",
            `with secrets.mode sops, secret ${secret.meta.name} needs \`sopsFile\` (or \`existingSecret\`)`,
            at([]),
            {
              hint: "name with `sopsFile:` a Kubernetes Secret manifest encrypted with `sops --encrypt` (encrypted_regex: ^(data|stringData)$), or with `existingSecret:` a Secret the cluster already has",
            },
          ),
    );
  }
  if (mode !== "sops" && secret.spec.sopsFile !== undefined) {
    out.push(
      diag(
        "INVALID_VALUE",
        `\`sopsFile\` is used only with secrets.mode sops (this repository uses ${mode})`,
        at(["sopsFile"]),
        {
          hint: "set `secrets: {mode: sops}` in stackyard.yaml, or remove `sopsFile`",
        },
      ),
    );
  }
  for (const key of Object.keys(secret.spec.files)) {
    out.push(
      diag(
        "PLAINTEXT_SECRET",
        `\`${section}.files.${key}\` would copy a local file's secret content into the output`,
        at(["files", key]),
        {
          hint: "store the file's content in your secret manager and declare the key under `data:` with no value",
        },
      ),
    );
  }
  return out;
}
