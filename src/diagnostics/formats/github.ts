import type { Diagnostic, Severity } from "../diagnostic.js";
import { formatLocation, type SourceLookup } from "../locate.js";
import type { Formatter } from "./formatter.js";

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), which the runner turns
 * into annotations on the pull request. Columns are sent only for single-line ranges: GitHub
 * ignores them otherwise. Hints and related notes become extra lines of the message.
 */
export const githubFormat: Formatter = {
  summary: "GitHub Actions annotations (workflow commands) on stdout",
  render(diagnostics, lookup) {
    return diagnostics.map((d) => `${command(d, lookup)}\n`).join("");
  },
};

function command(d: Diagnostic, lookup: SourceLookup): string {
  const props: Array<[string, string | number]> = [];
  const span =
    d.file !== undefined && d.range !== undefined ? lookup.span(d.file, d.range) : undefined;
  if (d.file !== undefined) props.push(["file", d.file]);
  if (span !== undefined) {
    props.push(["line", span.line]);
    if (span.endLine === span.line) props.push(["col", span.column]);
    props.push(["endLine", span.endLine]);
    if (span.endLine === span.line) props.push(["endColumn", span.endColumn]);
  }
  props.push(["title", d.code]);
  const text = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(",");
  return `::${COMMAND[d.severity]} ${text}::${escapeData(messageOf(d, lookup))}`;
}

function messageOf(d: Diagnostic, lookup: SourceLookup): string {
  const lines = [d.message];
  if (d.hint !== undefined) lines.push(`hint: ${d.hint}`);
  for (const r of d.related ?? []) {
    lines.push(`note: ${formatLocation(r.file, lookup.span(r.file, r.range))} ${r.message}`);
  }
  return lines.join("\n");
}

/** The escaping the Actions runner undoes in a command's message. */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Property values also escape the separators `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
