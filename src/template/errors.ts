/** The one error type the template engine lets escape, plus position helpers. */

export type TemplateErrorKind = "parse" | "exec" | "limit" | "refused";

/** The name a parse error is about: a function not defined, a variable not declared. */
export interface TemplateErrorSubject {
  kind: "function" | "variable";
  name: string;
  /** The names that were valid there (a variable's: those in scope), when the parser knows. */
  candidates?: readonly string[];
}

export interface TemplateErrorInit {
  kind: TemplateErrorKind;
  templateName: string;
  line: number;
  column: number;
  offset: number;
  /** How many UTF-16 units of the source the error is about, from offset; 1 when unknown. */
  length?: number;
  subject?: TemplateErrorSubject;
  dataPath?: string;
}

/**
 * A parse, execution, limit or refused-function error. `message` is Go's own error text
 * where Go would fail the same way; line and column are 1-based (column in UTF-16 units),
 * offset is a UTF-16 offset into the template source, so callers can map it into the YAML
 * file the template was embedded in.
 */
export class TemplateError extends Error {
  readonly kind: TemplateErrorKind;
  readonly templateName: string;
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  readonly length: number;
  readonly subject?: TemplateErrorSubject;
  readonly dataPath?: string;

  constructor(message: string, init: TemplateErrorInit) {
    super(message);
    this.name = "TemplateError";
    this.kind = init.kind;
    this.templateName = init.templateName;
    this.line = init.line;
    this.column = init.column;
    this.offset = init.offset;
    this.length = init.length ?? 1;
    if (init.subject !== undefined) this.subject = init.subject;
    if (init.dataPath !== undefined) this.dataPath = init.dataPath;
  }
}

/** An error of a template as a whole, with no position inside it: `template: NAME: MESSAGE`. */
export function wholeTemplateError(
  kind: TemplateErrorKind,
  name: string,
  message: string,
): TemplateError {
  return new TemplateError(`template: ${name}: ${message}`, {
    kind,
    templateName: name,
    line: 1,
    column: 1,
    offset: 0,
  });
}

/** A JavaScript exception that escaped the engine (a bug), as a TemplateError. */
export function internalTemplateError(name: string, e: unknown): TemplateError {
  return wholeTemplateError(
    "exec",
    name,
    `internal error: ${e instanceof Error ? e.message : String(e)}`,
  );
}

/** Line and 1-based column (UTF-16) of an offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Go's ErrorContext location: line and 0-based byte column, as Go prints them. */
export function goLocation(text: string, offset: number): { line: number; byteCol: number } {
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf("\n");
  const lineText = nl < 0 ? before : before.slice(nl + 1);
  let line = 1;
  for (let i = 0; i < before.length; i++) if (before.charCodeAt(i) === 10) line++;
  return { line, byteCol: Buffer.byteLength(lineText, "utf8") };
}
