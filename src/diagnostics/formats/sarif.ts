import { DIAGNOSTIC_CODES, type DiagnosticCode } from "../codes.js";
import type { Diagnostic, Severity, SourceRange } from "../diagnostic.js";
import type { SourceLookup } from "../locate.js";
import type { Formatter } from "./formatter.js";

const LEVEL: Record<Severity, string> = { error: "error", warning: "warning", info: "note" };

/**
 * SARIF 2.1.0, the format GitHub code scanning and most review tools import. The rules are the
 * codes this run used, described by their codes.ts summary; locations are relative to the
 * repository root (`%SRCROOT%`) and columns count code points.
 */
export const sarifFormat: Formatter = {
  summary: "SARIF 2.1.0 on stdout, for code-scanning tools",
  render(diagnostics, lookup, opts) {
    const ruleIds = [...new Set(diagnostics.map((d) => d.code))].sort();
    const log = {
      $schema: "https://json.schemastore.org/sarif-2.1.0.json",
      version: "2.1.0",
      runs: [
        {
          tool: {
            driver: {
              name: "stackyard",
              version: opts.toolVersion,
              rules: ruleIds.map(rule),
            },
          },
          columnKind: "unicodeCodePoints",
          results: diagnostics.map((d) => result(d, ruleIds.indexOf(d.code), lookup)),
        },
      ],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
  },
};

function rule(code: DiagnosticCode): object {
  const { severity, summary } = DIAGNOSTIC_CODES[code];
  return {
    id: code,
    shortDescription: { text: summary },
    defaultConfiguration: { level: LEVEL[severity] },
  };
}

function result(d: Diagnostic, ruleIndex: number, lookup: SourceLookup): object {
  const text = d.hint === undefined ? d.message : `${d.message}\nhint: ${d.hint}`;
  const out: Record<string, unknown> = {
    ruleId: d.code,
    ruleIndex,
    level: LEVEL[d.severity],
    message: { text },
  };
  if (d.file !== undefined) out["locations"] = [physical(d.file, d.range, lookup)];
  if (d.related !== undefined && d.related.length > 0) {
    out["relatedLocations"] = d.related.map((r, id) => ({
      id,
      ...physical(r.file, r.range, lookup),
      message: { text: r.message },
    }));
  }
  return out;
}

function physical(file: string, range: SourceRange | undefined, lookup: SourceLookup): object {
  const artifactLocation = { uri: fileUri(file), uriBaseId: "%SRCROOT%" };
  const span = range === undefined ? undefined : lookup.span(file, range);
  if (span === undefined) return { physicalLocation: { artifactLocation } };
  const region = {
    startLine: span.line,
    startColumn: span.column,
    endLine: span.endLine,
    endColumn: span.endColumn,
  };
  return { physicalLocation: { artifactLocation, region } };
}

/** A relative URI reference: each path segment percent-encoded, the slashes kept. */
function fileUri(file: string): string {
  return file.split("/").map(encodeURIComponent).join("/");
}
