import type { Diagnostic } from "../diagnostic.js";
import type { SourceLookup } from "../locate.js";

/** Options every output format receives. */
export interface FormatOptions {
  /** ANSI colours; only the text format uses them. */
  color: boolean;
  /** stackyard's version, named in SARIF's tool section. */
  toolVersion: string;
}

/** One output format: diagnostics (already sorted) in, the complete output text out. */
export interface Formatter {
  /** What the format is for, shown in `--help`. */
  summary: string;
  render(diagnostics: readonly Diagnostic[], lookup: SourceLookup, opts: FormatOptions): string;
}
