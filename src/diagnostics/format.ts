import { sortDiagnostics, type Diagnostic } from "./diagnostic.js";
import { githubFormat } from "./formats/github.js";
import { jsonFormat } from "./formats/json.js";
import { sarifFormat } from "./formats/sarif.js";
import { textFormat } from "./formats/text.js";
import type { FormatOptions, Formatter } from "./formats/formatter.js";
import { createSourceLookup } from "./locate.js";

export type { FormatOptions, Formatter } from "./formats/formatter.js";

/** Every output format, by the name `--format` takes. */
export const DIAGNOSTIC_FORMATS = {
  text: textFormat,
  json: jsonFormat,
  github: githubFormat,
  sarif: sarifFormat,
} as const satisfies Record<string, Formatter>;

/** The name of an output format. */
export type DiagnosticFormat = keyof typeof DIAGNOSTIC_FORMATS;

/** True when `name` is one of the output formats. */
export function isDiagnosticFormat(name: string): name is DiagnosticFormat {
  return Object.hasOwn(DIAGNOSTIC_FORMATS, name);
}

/**
 * Renders a run's diagnostics in one format, sorted. `sources` maps repository-relative paths
 * to file texts; a diagnostic whose file is missing from it is printed without line/column.
 */
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  format: DiagnosticFormat,
  opts: FormatOptions,
): string {
  const sorted = sortDiagnostics(diagnostics);
  return DIAGNOSTIC_FORMATS[format].render(sorted, createSourceLookup(sources), opts);
}
