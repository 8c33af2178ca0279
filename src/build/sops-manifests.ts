import { parseDocument } from "yaml";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { candidatePaths, type RepoFs } from "../discover/repo-fs.js";
import { rangeAtPath } from "../parse/node-at-path.js";
import type { JsonObject, SecretResource } from "../validate/types.js";

/**
 * secrets.mode sops: reads the SOPS-encrypted Kubernetes Secret manifest each secret names with
 * `sopsFile`, checks it is one Secret of that name in that workspace with SOPS metadata, and
 * attaches its exact text. The text is copied into out/ untouched: SOPS signs the whole file,
 * so not one byte (not even a label) may change for Flux to decrypt it.
 */
export async function attachSopsManifests(
  secrets: readonly SecretResource[],
  fs: RepoFs,
  maxBytes: number,
): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  for (const secret of secrets) {
    const ref = secret.spec.sopsFile;
    if (ref === undefined) continue;
    const section = secret.meta.type;
    const at = {
      file: secret.origin.source.file,
      range: rangeAtPath(secret.origin.source, [section, "sopsFile"]),
    };
    const fail = (message: string, hint: string) => {
      diagnostics.push(diag("INVALID_VALUE", message, at, { hint }));
    };
    if (section === "instance-secret") {
      fail(
        "an instance-secret is copied into every workspace that uses it, but a SOPS file cannot be changed to name another namespace",
        "replace `sopsFile` with `existingSecret:` naming the Secret that holds it in each workspace that uses it, e.g. a workspace `secret` of that name with `sopsFile` in each",
      );
      continue;
    }
    const text = await readFirst(fs, secret.origin.source.file, ref, maxBytes);
    if (text === undefined) {
      fail(
        `the SOPS file ${JSON.stringify(ref)} does not exist in the repository`,
        "paths are relative to this file, or to the repository root",
      );
      continue;
    }
    const problem = checkManifest(text, secret);
    if (problem !== undefined) {
      fail(
        `${ref}: ${problem}`,
        "encrypt a Kubernetes Secret manifest with `sops --encrypt --encrypted-regex '^(data|stringData)$'`",
      );
      continue;
    }
    secret.spec.sopsManifest = {
      text,
      object: parseDocument(text, { logLevel: "error" }).toJS() as JsonObject,
    };
  }
  return diagnostics;
}

async function readFirst(
  fs: RepoFs,
  fromFile: string,
  ref: string,
  maxBytes: number,
): Promise<string | undefined> {
  for (const candidate of candidatePaths(fromFile, ref)) {
    const read = await fs.read(candidate, maxBytes);
    if (read.ok) return read.text;
  }
  return undefined;
}

/** Why a SOPS file is not the Secret the resource declares, or undefined when it is. */
function checkManifest(text: string, secret: SecretResource): string | undefined {
  const doc = parseDocument(text, { prettyErrors: false, logLevel: "error" });
  if (doc.errors.length > 0) return `not valid YAML (${doc.errors[0]!.message.split("\n")[0]})`;
  const o = doc.toJS() as Record<string, unknown> | null;
  if (o === null || typeof o !== "object") return "not a Kubernetes manifest";
  const meta = (o.metadata ?? {}) as Record<string, unknown>;
  if (o.apiVersion !== "v1" || o.kind !== "Secret") return "is not a v1 Secret";
  if (meta.name !== secret.meta.name)
    return `names the Secret ${JSON.stringify(meta.name)}, not ${JSON.stringify(secret.meta.name)}`;
  if (meta.namespace !== secret.meta.workspace) {
    return `must set metadata.namespace: ${secret.meta.workspace} (the secret's workspace)`;
  }
  const sops = o.sops as Record<string, unknown> | undefined;
  if (!sops || typeof sops.mac !== "string") return "has no `sops:` metadata: it is not encrypted";
  for (const field of ["data", "stringData"]) {
    const values = (o[field] ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(values)) {
      if (typeof value !== "string" || !value.startsWith("ENC["))
        return `${field}.${key} is not encrypted`;
    }
  }
  return undefined;
}
