import { asObj, podViews } from "../pod-views.js";
import type { Finding, Policy } from "./policy.js";

/** Names that end like a credential (`DB_PASSWORD`, `API_KEY`); `SECRET_DIR` is a path, not one. */
const SECRET_NAME =
  /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)$/i;

/**
 * out/ is committed to git: a Secret with readable data, or a credential in an env var, is a
 * leak. SOPS-encrypted values (`ENC[…]`) and references (`valueFrom`, `${VAR}`) are fine.
 */
export const noPlaintextSecrets: Policy = {
  id: "no-plaintext-secrets",
  description:
    "No Secret carries unencrypted data and no credential-named env var carries a literal value.",
  defaultSeverity: "error",
  check(object) {
    const findings: Finding[] = [];
    if (object.kind === "Secret") {
      for (const field of ["data", "stringData"]) {
        for (const [key, value] of Object.entries(asObj(object[field]) ?? {})) {
          if (typeof value === "string" && !value.startsWith("ENC["))
            findings.push({
              path: [field, key],
              message: `Secret ${object.metadata.name} holds ${key} unencrypted`,
              hint: "use secrets.mode external-secrets, or encrypt the file with SOPS",
            });
        }
      }
    }
    for (const pod of podViews(object)) {
      for (const container of pod.containers) {
        const env = Array.isArray(container.value.env) ? container.value.env : [];
        env.forEach((e, i) => {
          const v = asObj(e);
          const name = String(v?.name ?? "");
          if (
            typeof v?.value === "string" &&
            v.value !== "" &&
            SECRET_NAME.test(name) &&
            !/^\$\{?[A-Za-z_]/.test(v.value)
          ) {
            findings.push({
              path: [...container.path, "env", i, "value"],
              value: v.value,
              message: `env var ${name} of container ${String(container.value.name)} holds a literal credential`,
              hint: "put the value in a Secret or Instance-secret and reference it with dataosSecrets",
            });
          }
        });
      }
    }
    return findings;
  },
};
