import { diag, type Diagnostic, type SourceLocation } from "../diagnostics/diagnostic.js";
import { didYouMean, formatChoices } from "../diagnostics/suggest.js";
import type { NodePath, ParsedDocument } from "../parse/types.js";
import { TEMPLATE_FUNCTIONS, type TemplateError } from "../template/index.js";
import { templateRange } from "./template-location.js";

/** Functions a stack template may call besides the engine's own: the compiler's `resolve`. */
const COMPILER_FUNCTIONS = ["resolve"];

/**
 * A template's parse or execution error as a diagnostic at the template's line in the stack
 * file, underlining what it is about (a function's or variable's name), with a did-you-mean
 * for a function that is not defined and a variable that is not declared.
 */
export function templateErrorDiagnostic(
  error: TemplateError,
  source: ParsedDocument,
  path: NodePath,
  related: ReadonlyArray<SourceLocation & { message: string }> = [],
): Diagnostic {
  const hint = subjectHint(error);
  return diag(
    error.kind === "parse" ? "TEMPLATE_PARSE" : "TEMPLATE_EXEC",
    error.message,
    {
      file: source.file,
      range: templateRange(source, path, error.line, error.column, error.length),
    },
    { related: [...related], ...(hint === undefined ? {} : { hint }) },
  );
}

function subjectHint(error: TemplateError): string | undefined {
  const subject = error.subject;
  if (subject === undefined) return undefined;
  if (subject.kind === "function") {
    const guess = didYouMean(subject.name, [...TEMPLATE_FUNCTIONS, ...COMPILER_FUNCTIONS]);
    return guess !== undefined
      ? `did you mean ${guess}?`
      : "docs/templates.md lists the functions a stack template can call (Go's, Sprig's, Helm's and DataOS's)";
  }
  const inScope = subject.candidates ?? [];
  const guess = didYouMean(subject.name, inScope);
  if (guess !== undefined) return `did you mean ${guess}?`;
  return `declare it first ({{ ${subject.name} := … }}) in this template, or use one in scope: ${formatChoices(inScope)}`;
}
