import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { formatDiagnostics, type DiagnosticFormat } from "../diagnostics/format.js";
import type { CliIo } from "./io.js";

/** How diagnostics are printed in this run. */
export interface ReportSettings {
  format: DiagnosticFormat;
  color: boolean;
  quiet: boolean;
  version: string;
  /** Machine formats go to stderr too: the command's stdout is its own output. */
  stdoutTaken?: boolean;
}

/**
 * Prints a run's diagnostics. Text goes to stderr, next to the summaries a person reads;
 * the machine formats go to stdout so they can be piped into a file or a tool, and json and
 * sarif print even when empty, so that file is always valid. --quiet keeps only errors.
 */
export function reportDiagnostics(
  io: CliIo,
  settings: ReportSettings,
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
): void {
  const shown = settings.quiet ? diagnostics.filter((d) => d.severity === "error") : diagnostics;
  const opts = { color: settings.color, toolVersion: settings.version };
  const text = formatDiagnostics(shown, sources, settings.format, opts);
  if (text === "") return;
  if (settings.format === "text" || settings.stdoutTaken === true) io.stderr(text);
  else io.stdout(text);
}
