import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { EXIT } from "./command.js";

/** 2 when stackyard reported a bug of its own, 1 for any other error, else 0. */
export function exitCodeFor(diagnostics: readonly Diagnostic[]): number {
  if (diagnostics.some((d) => d.code === "INTERNAL_ERROR")) return EXIT.usage;
  return hasErrors(diagnostics) ? EXIT.invalid : EXIT.ok;
}
