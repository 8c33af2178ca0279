import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { rangeAtPath } from "../parse/node-at-path.js";
import type { SecretResource } from "./types.js";

/** A SOPS-encrypted value: `ENC[AES256_GCM,data:…,iv:…,tag:…,type:str]`. */
const SOPS_VALUE = /^ENC\[[A-Z0-9_]+,data:.*\]$/s;

/**
 * Refuses plaintext secret values in the repository. What is accepted depends on
 * `secrets.mode`: SOPS-encrypted values (sops), declared keys without values whose data lives in
 * an external store (external-secrets), or a reference to an existing Secret (existing).
 * Messages never include the value itself.
 */
export function checkSecretValues(
  secret: SecretResource,
  mode: "external-secrets" | "sops" | "existing",
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const section = secret.meta.type;
  const at = (path: Array<string | number>) => ({
    file: secret.origin.source.file,
    range: rangeAtPath(secret.origin.source, [section, ...path], "key"),
  });
  for (const [key, value] of Object.entries(secret.spec.data)) {
    if (value === "") continue;
    if (mode === "sops" && SOPS_VALUE.test(value)) continue;
    out.push(
      diag(
        "PLAINTEXT_SECRET",
        `the value of \`${section}.data.${key}\` is stored in the repository ${SOPS_VALUE.test(value) ? "SOPS-encrypted, but secrets.mode is " + mode : "in plain text"}`,
        at(["data", key]),
        {
          hint:
            mode === "sops"
              ? "encrypt the file with `sops --encrypt --in-place` (encrypted_regex: ^data$)"
              : mode === "external-secrets"
                ? "remove the value (write the key with no value) and store it in your secret manager; stackyard emits an ExternalSecret for it"
                : "remove the value; with secrets.mode existing the Secret must already exist in the cluster",
        },
      ),
    );
  }
  if (mode === "sops" && Object.keys(secret.spec.data).length > 0 && !secret.spec.sops) {
    out.push(
      diag(
        "PLAINTEXT_SECRET",
        `${section} ${secret.meta.name} has no \`sops:\` metadata, so it was not encrypted with SOPS`,
        at([]),
        { hint: "encrypt the file with `sops --encrypt --in-place`" },
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
