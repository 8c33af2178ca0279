import { isMap, isPair, isSeq, visit, type Document, type Node } from "yaml";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";

/**
 * A list or mapping used as a mapping key (`? [a, b]`, `{a: 1}: x`): legal YAML, but no field
 * of a manifest or of stackyard.yaml is named so, and as data it would be a string the user
 * never wrote. `code` is the file's own (WRONG_TYPE in a manifest, CONFIG_INVALID in the config).
 */
export function collectionKey(
  file: string,
  text: string,
  key: Node,
  code: DiagnosticCode = "WRONG_TYPE",
): Diagnostic {
  const range = keyRange(text, key);
  const what = isSeq(key) ? "a list" : "a mapping";
  const written = text.slice(range.start, range.end).replace(/\s+/g, " ").trim();
  const shown = written.length > 40 ? `${written.slice(0, 39)}…` : written;
  return diag(
    code,
    `a mapping key must be a string, not ${what} (${shown})`,
    { file, range },
    {
      hint: `write the field's name as the key (name: …); to keep this text as a key, quote it: ${JSON.stringify(shown)}: …`,
    },
  );
}

/** The keys of a document that are lists or mappings, in the order they are written. */
export function collectionKeysOf(doc: Document): Node[] {
  const keys: Node[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (isMap(pair.key) || isSeq(pair.key)) keys.push(pair.key);
    },
  });
  return keys.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
}

/**
 * The text of a collection key, without the line break a block one ends with. `yaml` starts a
 * block mapping's range after its first key (`? p: 1` starts at `: 1`): it starts there.
 */
function keyRange(text: string, key: Node): { start: number; end: number } {
  const r = key.range;
  const { start, end } = r ? { start: r[0], end: Math.max(r[1], r[0] + 1) } : { start: 0, end: 1 };
  const first = isMap(key) ? key.items[0] : undefined;
  const firstKey = isPair(first) ? (first.key as Node | null) : null;
  const from = Math.min(start, firstKey?.range?.[0] ?? start);
  const trimmed = from + text.slice(from, end).trimEnd().length;
  return { start: from, end: Math.max(trimmed, from + 1) };
}
