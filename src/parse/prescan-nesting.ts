import { Lexer } from "yaml";

/** Tokens the yaml lexer emits as markers; they stand for no source text. */
const MARKERS = new Set(["\u0002", "\u0018", "\u001f"]);

/**
 * Where a file nests deeper than `limit` in a way that would make yaml's parser itself
 * expensive, or undefined. The parser builds every level of `[[[[…` or `- - - -…` before its
 * recursive composer gives up near 800 levels, so a few megabytes of brackets cost a minute and
 * gigabytes; measured first, such a file is refused in milliseconds. Files with few brackets
 * (almost all) are passed by a character count alone; the others are measured token by token,
 * so brackets inside quoted strings, comments and block scalars do not count.
 */
export function deepNestingOffset(text: string, limit: number): number | undefined {
  const cheap = scanCharacters(text, limit);
  if (cheap.dashRunAt !== undefined) return cheap.dashRunAt;
  return cheap.brackets > limit ? flowNestingOffset(text, limit) : undefined;
}

/** Counts `[` and `{`, and finds a line that opens more than `limit` compact `- ` items. */
function scanCharacters(text: string, limit: number): { brackets: number; dashRunAt?: number } {
  let brackets = 0;
  let dashes = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) brackets++;
    if (c === 0x0a) {
      dashes = 0;
      atLineStart = true;
    } else if (
      atLineStart &&
      c === 0x2d &&
      (text.charCodeAt(i + 1) === 0x20 || text.charCodeAt(i + 1) === 0x09)
    ) {
      if (++dashes > limit) return { brackets, dashRunAt: i };
    } else if (c !== 0x20 && c !== 0x09) {
      atLineStart = false;
    }
  }
  return { brackets };
}

/** The offset of the first flow collection opened deeper than `limit`, by the yaml lexer. */
function flowNestingOffset(text: string, limit: number): number | undefined {
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === "[" || token === "{") {
      if (++depth > limit) return offset;
    } else if (token === "]" || token === "}") {
      depth = Math.max(0, depth - 1);
    }
    if (!MARKERS.has(token)) offset += token.length;
  }
  return undefined;
}
