/**
 * Builds the `yaml` Documents of a manifest file from js-yaml's event stream, in about half
 * the time `yaml`'s own lexer, parser and composer take. The result is made of `yaml`'s classes
 * (Document, YAMLMap, YAMLSeq, Pair, Scalar) with the node ranges, scalar `type`, `source`,
 * `format` and collection `flow` flags that `parseAllDocuments(text, { uniqueKeys: true,
 * prettyErrors: false, strict: true })` gives, so every later stage reads the same tree.
 *
 * js-yaml's events carry source offsets (scalar values, collection starts) but not where a
 * node's trailing space, comment or line break ends; those are read from the text here with
 * `yaml`'s rules. The composer only takes the shapes manifests are made of and returns
 * undefined for anything else, which sends the file to `yaml`: anchors, aliases, tags, merge
 * keys, explicit `?` keys, duplicate, non-string or overlong keys, empty values, directives,
 * empty documents, a root that is not a block collection, a line break or comment right after
 * an item inside a flow collection, comment lines that `yaml` would hang on a node's end
 * (comment-lines.ts), text READ_DIFFERENTLY matches, and any js-yaml error — so every syntax
 * diagnostic still comes from `yaml`, byte for byte.
 *
 * Not reproduced, because no stage reads them: comments (`comment`, `commentBefore`),
 * `spaceBefore`, and the composer-private `options._directives`. test/parse/fast-compose.test.ts
 * compares everything else with `parseAllDocuments`.
 */
import {
  CHOMPING_MODE,
  COLLECTION_STYLE,
  EVENT_ID,
  getScalarValue,
  parseEvents,
  SCALAR_STYLE,
  type Event,
  type MappingEvent,
  type ScalarEvent,
  type SequenceEvent,
} from "js-yaml";
import {
  Document,
  isScalar,
  Pair,
  Scalar,
  YAMLMap,
  YAMLSeq,
  type ParsedNode,
  type ScalarTag,
  type Schema,
} from "yaml";
import { commentLinesAreSafe } from "./comment-lines.js";
import { resolveCoreScalar } from "./core-scalar.js";
import { READ_DIFFERENTLY } from "./read-differently.js";

/** The options parseYamlFile gives `yaml`; the documents built here carry the same. */
// logLevel "error": yaml would print a process warning of its own (a collection as a key), and the
// user hears of such a document from our diagnostics.
export const PARSE_OPTIONS = {
  uniqueKeys: true,
  prettyErrors: false,
  strict: true,
  logLevel: "error",
} as const;

/** Well below the 1024 characters `yaml` allows an implicit key. */
const MAX_IMPLICIT_KEY = 1000;

/** Explicit keys (`? key`), which js-yaml reports without the indicator's position. */
const EXPLICIT_KEY = /(?:^|[\s,[{])\?(?:[ \t\n]|$)/;

/**
 * The documents of one file as `parseAllDocuments` composes them, or undefined when only
 * `yaml` can say (see the module doc). An empty file also returns undefined.
 */
export function composeFast(text: string): Document.Parsed[] | undefined {
  if (READ_DIFFERENTLY.test(text) || EXPLICIT_KEY.test(text)) return undefined;
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch {
    return undefined;
  }
  const stream: Stream = { text, events, at: 0 };
  const docs: Document.Parsed[] = [];
  while (stream.at < events.length) {
    const doc = composeDocument(stream);
    if (doc === undefined) return undefined;
    docs.push(doc);
  }
  if (docs.length === 0 || !commentLinesAreSafe(text, docs, docs[0]!.range[0])) return undefined;
  return docs;
}

/** The walk over the event stream: the next event to read. */
interface Stream {
  readonly text: string;
  readonly events: readonly Event[];
  at: number;
}

/** The walk inside one document, whose schema and options its nodes are made with. */
interface Cursor extends Stream {
  readonly schema: Schema;
  readonly options: Document.Parsed["options"];
}

function composeDocument(stream: Stream): Document.Parsed | undefined {
  const start = stream.events[stream.at++];
  if (start?.type !== EVENT_ID.DOCUMENT || start.directives.length > 0) return undefined;
  const root = stream.events[stream.at];
  if (root?.type !== EVENT_ID.MAPPING && root?.type !== EVENT_ID.SEQUENCE) return undefined;
  if (root.style !== COLLECTION_STYLE.BLOCK) return undefined;
  const doc = new Document(undefined, PARSE_OPTIONS) as Document.Parsed;
  const cursor: Cursor = { ...stream, schema: doc.schema, options: doc.options };
  const contents = composeNode(cursor, "block");
  stream.at = cursor.at;
  if (contents === undefined || stream.events[stream.at++]?.type !== EVENT_ID.POP) {
    return undefined;
  }
  const offset = documentOffset(stream.text, contents.range[0], start.explicitStart);
  if (offset === undefined) return undefined;
  if (start.explicitStart) doc.directives.docStart = true;
  doc.contents = contents;
  const contentEnd = contents.range[2];
  doc.range = [offset, contentEnd, documentEnd(stream.text, contentEnd)];
  return doc;
}

/**
 * Where `yaml` starts a document: at its `---` when it has one, else at the start of its
 * content's line (a block collection is alone on the line, after its indentation). Undefined
 * when the `---` is not on the line right before the content.
 */
function documentOffset(text: string, contentStart: number, explicit: boolean): number | undefined {
  const lineStart = text.lastIndexOf("\n", contentStart - 1) + 1;
  if (!explicit) return lineStart;
  const marker = text.lastIndexOf("\n", lineStart - 2) + 1;
  return text.startsWith("---", marker) && lineStart >= marker + 4 ? marker : undefined;
}

/** A document ends before the next `---`, or at the end of the text. */
function documentEnd(text: string, contentEnd: number): number {
  const next = text.indexOf("\n---", contentEnd - 1);
  return next === -1 ? text.length : next + 1;
}

/**
 * Where a node stands, which decides what `yaml` counts as its end (the third number of its
 * range): in block context the spaces, comment and line break after it; inside a flow
 * collection the spaces and line breaks up to the next indicator.
 */
type Place = "block" | "flow";

/** Where a node ends: after what trails it in its place, or right after its text ("bare"). */
type Ending = Place | "bare";

/** The next node, composed for its place. */
function composeNode(cursor: Cursor, place: Place): ParsedNode | undefined {
  const event = cursor.events[cursor.at++];
  if (event === undefined || event.type === EVENT_ID.DOCUMENT || event.type === EVENT_ID.POP) {
    return undefined;
  }
  if (event.type === EVENT_ID.ALIAS || event.anchorStart !== -1 || event.tagStart !== -1) {
    return undefined;
  }
  if (event.type === EVENT_ID.SCALAR) return composeScalar(cursor, event, place);
  if (event.style === COLLECTION_STYLE.FLOW) return composeFlow(cursor, event, place);
  if (place !== "block") return undefined;
  return event.type === EVENT_ID.MAPPING ? composeBlockMap(cursor) : composeBlockSeq(cursor, event);
}

/** A block mapping: its range runs from its first key to the end of its last value. */
function composeBlockMap(cursor: Cursor): YAMLMap.Parsed | undefined {
  const map = new YAMLMap(cursor.schema) as YAMLMap.Parsed;
  if (!composePairs(cursor, map, true)) return undefined;
  const first = map.items[0]?.key;
  const last = map.items[map.items.length - 1]?.value;
  if (first == null || last == null) return undefined;
  map.range = [first.range[0], last.range[2], last.range[2]];
  return map;
}

/** A block sequence: its range runs from its first `-` to the end of its last item. */
function composeBlockSeq(cursor: Cursor, event: SequenceEvent): YAMLSeq.Parsed | undefined {
  const seq = new YAMLSeq(cursor.schema) as YAMLSeq.Parsed;
  if (!composeItems(cursor, seq, true)) return undefined;
  const last = seq.items[seq.items.length - 1];
  if (last === undefined || cursor.text[event.start] !== "-") return undefined;
  seq.range = [event.start, last.range[2], last.range[2]];
  return seq;
}

/** A flow collection: from its opening bracket to its closing one (and what trails it). */
function composeFlow(
  cursor: Cursor,
  event: MappingEvent | SequenceEvent,
  place: Place,
): ParsedNode | undefined {
  const isMap = event.type === EVENT_ID.MAPPING;
  const { text } = cursor;
  if (text[event.start] !== (isMap ? "{" : "[")) return undefined;
  const node = isMap ? new YAMLMap(cursor.schema) : new YAMLSeq(cursor.schema);
  const ok = isMap
    ? composePairs(cursor, node as YAMLMap.Parsed, false)
    : composeItems(cursor, node as YAMLSeq.Parsed, false);
  if (!ok) return undefined;
  const close = closingBracket(
    text,
    lastEnd(node as YAMLMap.Parsed | YAMLSeq.Parsed, event.start + 1),
  );
  if (text[close] !== (isMap ? "}" : "]")) return undefined;
  const end = endAfter(text, close + 1, place);
  if (end === undefined) return undefined;
  node.flow = true;
  node.range = [event.start, close + 1, end];
  return node as ParsedNode;
}

/** Where the last item of a flow collection ends, or `from` when it has none. */
function lastEnd(node: YAMLMap.Parsed | YAMLSeq.Parsed, from: number): number {
  const last = node.items[node.items.length - 1];
  if (last === undefined) return from;
  return "range" in last ? last.range[1] : (last.value?.range[1] ?? from);
}

/** The position of a flow collection's closing bracket: after spaces, breaks and one comma. */
function closingBracket(text: string, from: number): number {
  let at = skipBlank(text, from);
  if (text[at] === ",") at = skipBlank(text, at + 1);
  return at;
}

function skipBlank(text: string, from: number): number {
  let at = from;
  while (text[at] === " " || text[at] === "\n") at++;
  return at;
}

/** Reads key/value pairs up to the mapping's end event; false where `yaml` must decide. */
function composePairs(cursor: Cursor, map: YAMLMap.Parsed, block: boolean): boolean {
  const place = block ? "block" : "flow";
  const seen = new Set<string>();
  while (cursor.events[cursor.at]?.type !== EVENT_ID.POP) {
    const key = composeKey(cursor);
    if (key === undefined || seen.has(key.value as string)) return false;
    seen.add(key.value as string);
    const value = composeNode(cursor, place);
    if (value === undefined) return false;
    map.items.push(new Pair(key, value));
  }
  cursor.at++;
  return true;
}

/** Reads items up to the sequence's end event; false where `yaml` must decide. */
function composeItems(cursor: Cursor, seq: YAMLSeq.Parsed, block: boolean): boolean {
  const place = block ? "block" : "flow";
  while (cursor.events[cursor.at]?.type !== EVENT_ID.POP) {
    const item = composeNode(cursor, place);
    if (item === undefined) return false;
    seq.items.push(item);
  }
  cursor.at++;
  return true;
}

/**
 * A mapping key: a string scalar directly followed by its `:`. Keys that resolve to anything
 * else, and the ones `yaml` treats specially (`<<`, `__proto__`), go to `yaml`.
 */
function composeKey(cursor: Cursor): Scalar.Parsed | undefined {
  const event = cursor.events[cursor.at++];
  if (event?.type !== EVENT_ID.SCALAR || event.anchorStart !== -1 || event.tagStart !== -1) {
    return undefined;
  }
  if (event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK) {
    return undefined;
  }
  const key = composeScalar(cursor, event, "bare");
  if (key === undefined || typeof key.value !== "string") return undefined;
  if (key.value === "<<" || key.value === "__proto__") return undefined;
  // `yaml` rejects an implicit key that does not reach its `:` within 1024 characters.
  if (key.range[1] - key.range[0] > MAX_IMPLICIT_KEY) return undefined;
  return cursor.text[key.range[1]] === ":" ? key : undefined;
}

/** A plain, quoted or block scalar with `yaml`'s value, source text, style and range. */
function composeScalar(
  cursor: Cursor,
  event: ScalarEvent,
  ending: Ending,
): Scalar.Parsed | undefined {
  const { text } = cursor;
  const source = getScalarValue(text, event);
  let scalar: Scalar | undefined;
  let start = event.valueStart;
  let valueEnd = event.valueEnd;
  let type: Scalar.Type;
  switch (event.style) {
    case SCALAR_STYLE.PLAIN:
      if (start === valueEnd) return undefined; // an empty value: `yaml` places it elsewhere
      scalar = plainScalar(cursor, source);
      type = Scalar.PLAIN;
      break;
    case SCALAR_STYLE.SINGLE_QUOTED:
    case SCALAR_STYLE.DOUBLE_QUOTED: {
      const quote = event.style === SCALAR_STYLE.SINGLE_QUOTED ? "'" : '"';
      if (text[start - 1] !== quote || text[valueEnd] !== quote) return undefined;
      scalar = new Scalar(source);
      type = quote === "'" ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
      start -= 1;
      valueEnd += 1;
      break;
    }
    default: {
      const block = source === "" ? undefined : blockRange(text, event);
      if (block === undefined) return undefined;
      scalar = new Scalar(source);
      type =
        event.style === SCALAR_STYLE.LITERAL_BLOCK ? Scalar.BLOCK_LITERAL : Scalar.BLOCK_FOLDED;
      [start, valueEnd] = block;
      ending = "bare"; // a block scalar's own lines already end it
    }
  }
  if (scalar === undefined) return undefined;
  const end = endAfter(text, valueEnd, ending);
  if (end === undefined) return undefined;
  scalar.range = [start, valueEnd, end];
  scalar.source = source;
  scalar.type = type;
  return scalar as Scalar.Parsed;
}

/**
 * A plain scalar resolved by the core schema. Strings, nearly every manifest value, are told
 * apart by resolveCoreScalar; the rest are resolved by `yaml`'s own tag, which also sets what
 * a number keeps of its spelling (`format`, `minFractionDigits`).
 */
function plainScalar(cursor: Cursor, source: string): Scalar | undefined {
  if (typeof resolveCoreScalar(source) === "string") return new Scalar(source);
  const tag = cursor.schema.tags.find(
    (t): t is ScalarTag =>
      t.default === true && !("collection" in t && t.collection) && t.test?.test(source) === true,
  );
  if (tag === undefined) return undefined;
  let failed = false;
  const value = tag.resolve(source, () => (failed = true), cursor.options);
  if (failed) return undefined;
  const scalar = isScalar(value) ? value : new Scalar(value);
  if (tag.format) scalar.format = tag.format;
  return scalar;
}

/**
 * The range `yaml` gives a block scalar: from its `|` or `>` to the end of its last line that
 * is not blank (trailing blank lines belong to what follows, unless indented deeper than the
 * scalar's text, which makes them content). Undefined for a comment on the header, a kept
 * final break (`|+`) or an empty body.
 */
function blockRange(text: string, event: ScalarEvent): [number, number] | undefined {
  if (event.chomping === CHOMPING_MODE.KEEP || event.valueStart === event.valueEnd) {
    return undefined;
  }
  const headerEnd = event.valueStart - 1;
  if (text[headerEnd] !== "\n") return undefined;
  const lineStart = text.lastIndexOf("\n", headerEnd - 1) + 1;
  const header = text.slice(lineStart, headerEnd);
  const indicator = Math.max(header.lastIndexOf("|"), header.lastIndexOf(">"));
  if (indicator === -1 || !/^[|>][-+]?[ \t]*$/.test(header.slice(indicator))) return undefined;
  let end = event.valueEnd;
  while (text[end - 1] === "\n") {
    const previous = text.lastIndexOf("\n", end - 2) + 1;
    const line = text.slice(previous, end - 1);
    if (previous < event.valueStart || line.length > event.indent || !/^ *$/.test(line)) break;
    end = previous;
  }
  return [lineStart + indicator, end];
}

/** Where `yaml` ends a node whose value ends at `from`; undefined where it must judge. */
function endAfter(text: string, from: number, ending: Ending): number | undefined {
  if (ending === "bare") return from;
  if (ending === "block") return lineEnd(text, from);
  return flowEnd(text, from);
}

/**
 * Where a node inside a flow collection ends for `yaml`: after the spaces that follow it.
 * Undefined when a line break or comment comes first: `yaml` then ends a mapping's value after
 * the break but a sequence's item after the next line's indentation.
 */
function flowEnd(text: string, from: number): number | undefined {
  let at = from;
  while (text[at] === " " || text[at] === "\t") at++;
  return text[at] === "\n" || text[at] === "#" ? undefined : at;
}

/**
 * Where a block-context node ends for `yaml`: after the spaces, comment and line break that
 * follow it on its line. Undefined when something else follows, which `yaml` must judge.
 */
function lineEnd(text: string, from: number): number | undefined {
  let at = from;
  while (text[at] === " " || text[at] === "\t") at++;
  if (text[at] === "#" && at > from) {
    const nl = text.indexOf("\n", at);
    return nl === -1 ? text.length : nl + 1;
  }
  if (text[at] === "\n") return at + 1;
  return at === text.length ? at : undefined;
}
