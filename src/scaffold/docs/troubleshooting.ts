import { DIAGNOSTIC_CODES, type DiagnosticCode } from "../../diagnostics/codes.js";
import { FIXES } from "./fixes.js";
import { GENERATED_NOTICE } from "./notice.js";

/** docs/troubleshooting.md: one section per diagnostic code, in the order of codes.ts. */
export function troubleshootingDoc(): string {
  const codes = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];
  const lines = [
    "# Troubleshooting: every diagnostic code",
    "",
    GENERATED_NOTICE,
    "",
    "Every problem stackyard reports has a code, printed after the severity:",
    "",
    "```text",
    "resources/web.yaml:6:3 error UNKNOWN_FIELD unknown field `servicePrt` in service",
    "```",
    "",
    "Find the code below. Errors stop the build and leave `out/` as it was; warnings and",
    "information do not. `--quiet` shows errors only; `--format json|github|sarif` gives the",
    "same diagnostics to machines.",
    "",
    ...codes.map((c) => `- [\`${c}\`](#${c.toLowerCase()})`),
  ];
  for (const code of codes) {
    const { severity, summary } = DIAGNOSTIC_CODES[code];
    lines.push("", `## ${code}`, "", `*${severity}* — ${summary}`, "", `**Fix:** ${FIXES[code]}`);
  }
  return `${lines.join("\n")}\n`;
}
