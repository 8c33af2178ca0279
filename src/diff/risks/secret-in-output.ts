import { isSecret } from "../redact-secrets.js";
import type { RiskRule } from "./rule.js";

/** A Secret object in git must be encrypted (SOPS); any other kind of value leaks. */
export const secretInOutput: RiskRule = {
  id: "secret-in-output",
  level: "warning",
  summary:
    "A Secret object is written to the out dir: its values are in git, and must be encrypted.",
  check(change) {
    if (change.head === undefined || !isSecret(change.head)) return [];
    const encrypted = change.head.object["sops"] !== undefined;
    const how = encrypted ? "SOPS-encrypted" : "not SOPS-encrypted";
    return [
      `Secret ${change.namespace}/${change.name} is written to git (${how}); its values are shown redacted`,
    ];
  },
};
