import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { createSourceLookup } from "../diagnostics/locate.js";
import type { LocatedDiagnostic } from "./types.js";

/** A compiled side's diagnostics and the texts their ranges point into. */
export interface DiagnosedSide {
  diagnostics: readonly Diagnostic[];
  sources: ReadonlyMap<string, string>;
}

/**
 * The diagnostics the head has and the base had not (introduced), the reverse (fixed), and
 * the head's errors that the base had too (remaining): they are why a head that does not
 * compile does not, when the change did not introduce them. A diagnostic is the same one when
 * code, file and message match: its line moves whenever lines are added above it, and that is
 * not a new problem.
 */
export function diagnosticDelta(
  base: DiagnosedSide,
  head: DiagnosedSide,
): { introduced: LocatedDiagnostic[]; fixed: LocatedDiagnostic[]; remaining: LocatedDiagnostic[] } {
  const identity = (d: Diagnostic): string => [d.code, d.file ?? "", d.message].join("\0");
  const baseIds = new Set(base.diagnostics.map(identity));
  const headIds = new Set(head.diagnostics.map(identity));
  // A side with errors stops before the later stages, whose warnings it then never reports:
  // against such a side, only errors can be compared.
  const comparable = (other: DiagnosedSide) => (d: Diagnostic) =>
    d.severity === "error" || !hasErrors(other.diagnostics);
  return {
    introduced: locate(
      head.diagnostics.filter((d) => !baseIds.has(identity(d))).filter(comparable(base)),
      head.sources,
    ),
    fixed: locate(
      base.diagnostics.filter((d) => !headIds.has(identity(d))).filter(comparable(head)),
      base.sources,
    ),
    remaining: locate(
      head.diagnostics.filter((d) => d.severity === "error" && baseIds.has(identity(d))),
      head.sources,
    ),
  };
}

function locate(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
): LocatedDiagnostic[] {
  const lookup = createSourceLookup(sources);
  const located = diagnostics.map((d) => {
    const out: LocatedDiagnostic = { code: d.code, severity: d.severity, message: d.message };
    if (d.file !== undefined) out.file = d.file;
    const span =
      d.file !== undefined && d.range !== undefined ? lookup.span(d.file, d.range) : undefined;
    if (span !== undefined) Object.assign(out, { line: span.line, column: span.column });
    if (d.hint !== undefined) out.hint = d.hint;
    return out;
  });
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return located.sort(
    (a, b) =>
      cmp(a.file ?? "", b.file ?? "") ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      rank[a.severity] - rank[b.severity] ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
