import type { DiagnosticCode } from "../diagnostics/codes.js";

/** The diagnostic codes the check stage reports, in one place. */
export const CHECK_CODES = {
  policy: "POLICY_VIOLATION",
  waiver: "POLICY_WAIVED",
  unknownField: "UNKNOWN_FIELD",
  schema: "OUTPUT_SCHEMA_INVALID",
  config: "CONFIG_INVALID",
  value: "INVALID_VALUE",
} as const satisfies Record<string, DiagnosticCode>;
