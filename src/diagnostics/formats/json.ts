import type { Diagnostic, SourceRange } from "../diagnostic.js";
import type { SourceLookup } from "../locate.js";
import type { Formatter } from "./formatter.js";

/** A place as JSON: every key always present, null when unknown, so consumers need no guards. */
interface JsonPlace {
  file: string | null;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
}

/**
 * A JSON array with one object per diagnostic and a fixed key order:
 * `{code, severity, message, file, line, column, endLine, endColumn, hint, related}`.
 * Lines and columns are 1-based, columns count code points, the end is exclusive.
 */
export const jsonFormat: Formatter = {
  summary: "a JSON array on stdout, for scripts",
  render(diagnostics, lookup) {
    const items = diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      ...place(lookup, d.file, d.range),
      hint: d.hint ?? null,
      related: (d.related ?? []).map((r) => ({
        ...place(lookup, r.file, r.range),
        message: r.message,
      })),
    }));
    return `${JSON.stringify(items, null, 2)}\n`;
  },
};

function place(lookup: SourceLookup, file?: string, range?: SourceRange): JsonPlace {
  const span = file !== undefined && range !== undefined ? lookup.span(file, range) : undefined;
  return {
    file: file ?? null,
    line: span?.line ?? null,
    column: span?.column ?? null,
    endLine: span?.endLine ?? null,
    endColumn: span?.endColumn ?? null,
  };
}
