import type { Diagnostic, Severity } from "../diagnostic.js";
import { renderExcerpt, sanitizeText } from "../excerpt.js";
import { formatLocation as location, type SourceLookup, type Span } from "../locate.js";
import type { Formatter } from "./formatter.js";

/** ANSI styles; every helper is the identity when colour is off. */
interface Paint {
  bold(s: string): string;
  severity(severity: Severity, s: string): string;
}

const SEVERITY_COLOR: Record<Severity, string> = { error: "31", warning: "33", info: "36" };

function paint(color: boolean): Paint {
  const sgr = (code: string, s: string): string => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  return {
    bold: (s) => sgr("1", s),
    severity: (severity, s) => sgr(`1;${SEVERITY_COLOR[severity]}`, s),
  };
}

/**
 * The human format: `file:line:col severity CODE message`, the source line under a gutter with
 * a caret underline, then hints and related notes; blocks are separated by a blank line and the
 * output ends with a count of errors and warnings.
 */
export const textFormat: Formatter = {
  summary: "human-readable, with the source line and a caret (default)",
  render(diagnostics, lookup, opts) {
    if (diagnostics.length === 0) return "";
    const p = paint(opts.color);
    const blocks = diagnostics.map((d) => renderOne(d, lookup, p).join("\n"));
    return `${blocks.join("\n\n")}\n\n${summaryLine(diagnostics)}\n`;
  },
};

function renderOne(d: Diagnostic, lookup: SourceLookup, p: Paint): string[] {
  const span =
    d.file !== undefined && d.range !== undefined ? lookup.span(d.file, d.range) : undefined;
  const where = d.file === undefined ? "" : `${p.bold(location(d.file, span))} `;
  const head = `${where}${p.severity(d.severity, d.severity)} ${d.code} `;
  const lines = [head + indented(d.message, "  ")];
  if (d.file !== undefined && span !== undefined) {
    lines.push(...excerptLines(lookup.lineText(d.file, span.line), span, d.severity, p));
  }
  if (d.hint !== undefined) lines.push(`  = hint: ${indented(d.hint, " ".repeat(10))}`);
  for (const r of d.related ?? []) {
    const where = location(r.file, lookup.span(r.file, r.range));
    lines.push(`  = note: ${where} ${indented(r.message, " ".repeat(10))}`);
  }
  return lines;
}

/** Sanitized text whose continuation lines are indented so they stay inside their block. */
function indented(text: string, indent: string): string {
  return sanitizeText(text).replace(/\r?\n/g, `\n${indent}`);
}

/** The source line and its caret line; a range running past the line is clipped to it. */
function excerptLines(line: string, span: Span, severity: Severity, p: Paint): string[] {
  const to = span.endLine === span.line ? span.endColumn - 1 : Number.MAX_SAFE_INTEGER;
  const excerpt = renderExcerpt(line, span.column - 1, to);
  const number = String(span.line);
  const gutter = " ".repeat(number.length);
  const caret = p.severity(severity, "^".repeat(excerpt.caretWidth));
  return [
    `  ${number} | ${excerpt.text}`.trimEnd(),
    `  ${gutter} | ${" ".repeat(excerpt.caretStart)}${caret}`,
  ];
}

/** "2 errors, 1 warning": only the severities that occur. */
export function summaryLine(diagnostics: readonly Diagnostic[]): string {
  const count = (s: Severity): number => diagnostics.filter((d) => d.severity === s).length;
  const parts: string[] = [];
  const add = (n: number, one: string, many: string): void => {
    if (n > 0) parts.push(`${n} ${n === 1 ? one : many}`);
  };
  add(count("error"), "error", "errors");
  add(count("warning"), "warning", "warnings");
  add(count("info"), "info", "info");
  return parts.join(", ");
}
