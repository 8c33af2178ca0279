/**
 * `text` with the characters from `start` to `end` replaced by `*`, line ends kept: every offset
 * and line stays where it was, so a diagnostic's caret still points into the masked excerpt.
 * For secret values in the texts that diagnostics quote.
 */
export function maskRange(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(start, end).replace(/[^\r\n]/g, "*") + text.slice(end);
}
