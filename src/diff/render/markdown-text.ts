/**
 * A message as Markdown: its `code spans` (diagnostics write field names that way) are kept,
 * and all other inline punctuation is escaped, so it never turns into emphasis or a link.
 */
export function mdText(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((piece, i) =>
      i % 2 === 1
        ? piece
        : piece.replace(/[\\`*_[\]<>|~#]/g, (c) =>
            c === "<" ? "&lt;" : c === ">" ? "&gt;" : `\\${c}`,
          ),
    )
    .join("");
}

/** Text inside an HTML element (`<summary>`), where Markdown is not read. */
export function htmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** An inline code span that holds any text, backticks included. */
export function mdCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** A fence longer than any backtick run in the content, so the content cannot close it. */
export function fenceFor(content: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`{3,}/g)].map((m) => m[0].length));
  return "`".repeat(Math.max(3, longest + 1));
}
