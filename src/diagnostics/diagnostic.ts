import { DIAGNOSTIC_CODES, type DiagnosticCode } from "./codes.js";

export type Severity = "error" | "warning" | "info";

/** A half-open range of UTF-16 offsets into a source file's text. */
export interface SourceRange {
  start: number;
  end: number;
}

/** A place in a source file, before it is turned into line and column. */
export interface SourceLocation {
  /** Repository-relative POSIX path. */
  file: string;
  range: SourceRange;
}

/**
 * A diagnostic is a value: collected, sorted and printed once per run.
 * Line and column are computed only when printed, from the file's text.
 */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** Repository-relative POSIX path; absent for run-level problems. */
  file?: string;
  range?: SourceRange;
  /** What would be valid instead, in plain words ("did you mean …", "allowed: …"). */
  hint?: string;
  /** Other places that explain this one (the stack that owns a schema, the first duplicate…). */
  related?: Array<SourceLocation & { message: string }>;
}

/** Builds a diagnostic with the code's default severity. */
export function diag(
  code: DiagnosticCode,
  message: string,
  where?: Partial<SourceLocation>,
  extra?: Partial<Pick<Diagnostic, "hint" | "related" | "severity">>,
): Diagnostic {
  const d: Diagnostic = { code, severity: DIAGNOSTIC_CODES[code].severity, message };
  if (where?.file !== undefined) d.file = where.file;
  if (where?.range !== undefined) d.range = where.range;
  if (extra?.hint !== undefined) d.hint = extra.hint;
  if (extra?.related !== undefined && extra.related.length > 0) d.related = extra.related;
  if (extra?.severity !== undefined) d.severity = extra.severity;
  return d;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/**
 * Sorts diagnostics by file, position, severity and code, so output is stable, and drops exact
 * copies: a file that two workflows include is checked in each, and the same mistake in it
 * would be reported once per includer.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = JSON.stringify(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(
    (a, b) =>
      cmp(a.file ?? "", b.file ?? "") ||
      (a.range?.start ?? -1) - (b.range?.start ?? -1) ||
      rank[a.severity] - rank[b.severity] ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
