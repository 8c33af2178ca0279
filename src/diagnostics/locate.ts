import type { SourceRange } from "./diagnostic.js";
import { createLineIndex, type LineIndex } from "./line-index.js";

/**
 * A range as lines and columns, all 1-based. The end is exclusive, like SARIF and LSP: it is
 * the position of the first character after the range (equal to the start for an empty range).
 */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Line lookups over every source of a run, each file indexed once on first use. */
export interface SourceLookup {
  /** The span of a range in a file, or undefined when the file's text is unknown. */
  span(file: string, range: SourceRange): Span | undefined;
  /** The text of a 1-based line of a file ("" when unknown). */
  lineText(file: string, line: number): string;
}

/** Creates a lookup over file texts keyed by repository-relative path. */
export function createSourceLookup(sources: ReadonlyMap<string, string>): SourceLookup {
  const indexes = new Map<string, LineIndex>();
  const indexOf = (file: string): LineIndex | undefined => {
    const cached = indexes.get(file);
    if (cached !== undefined) return cached;
    const text = sources.get(file);
    if (text === undefined) return undefined;
    const index = createLineIndex(text);
    indexes.set(file, index);
    return index;
  };
  return {
    span(file, range) {
      const index = indexOf(file);
      if (index === undefined) return undefined;
      const start = index.position(range.start);
      const end = index.position(Math.max(range.start, range.end));
      return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
    },
    lineText(file, line) {
      return indexOf(file)?.lineText(line) ?? "";
    },
  };
}

/** `file:line:col`, or just the file when its text is unknown. */
export function formatLocation(file: string, span: Span | undefined): string {
  return span === undefined ? file : `${file}:${span.line}:${span.column}`;
}
