/**
 * Text that js-yaml's event parser and `yaml` read differently, found by
 * test/render/parse-rendered.test.ts and test/parse/fast-compose.test.ts: `yaml` keeps a lone
 * carriage return in a scalar where js-yaml breaks the line; it rejects tabs in indentation and
 * some byte order marks that js-yaml lets pass; it counts a top-level block scalar's indentation
 * indicator from another column; and the two fold empty lines after an escaped line break in a
 * double-quoted scalar differently. A line that starts with `%` may be a directive, which
 * js-yaml skips unseen when it does not know it, and they disagree on content after a `...` or
 * on the line of a `---`. Broad on purpose: a false match only costs speed, so every fast path
 * built on js-yaml's events sends matching text to `yaml`.
 */
export const READ_DIFFERENTLY =
  /[\r\ufeff]|[|>][-+]?[0-9]|(?:^|\n)(?:[ \t]*[\t%]|\.\.\.|---[ \t]*\S)|\\\n[ \t]*\n/;
