/**
 * Parses the text that stack templates render. Two parsers exist because this text needs no
 * source positions: js-yaml's event parser reads it about twice as fast as `yaml`'s document
 * model, but only `yaml` is the reference (its values, its error messages, its alias limit).
 * So values are built from js-yaml's events with `yaml`'s core-schema scalar rules, and any
 * text the fast path is not sure about goes to `yaml`, exactly as before.
 */
import {
  EVENT_ID,
  getScalarValue,
  parseEvents,
  SCALAR_STYLE,
  type Event,
  type ScalarEvent,
} from "js-yaml";
import { parse as parseYaml } from "yaml";
import { resolveCoreScalar } from "../parse/core-scalar.js";
import { READ_DIFFERENTLY } from "../parse/read-differently.js";

/** The alias limit `yaml` enforces against alias bombs (the fast path takes no alias). */
const MAX_ALIAS_COUNT = 100;

/** Returned by the fast path when only `yaml` can say what the text means. */
export const UNSURE: unique symbol = Symbol("unsure");

/**
 * Parses one rendered YAML document to plain data, exactly as
 * `yaml.parse(text, { maxAliasCount: 100 })` does; throws `yaml`'s error when that throws.
 */
export function parseRendered(text: string): unknown {
  const fast = parseFast(text);
  return fast === UNSURE
    ? parseYaml(text, { maxAliasCount: MAX_ALIAS_COUNT, logLevel: "error" })
    : fast;
}

/** The fast path alone: the value `yaml` would return, or UNSURE. Exported for the tests. */
export function parseFast(text: string): unknown {
  if (READ_DIFFERENTLY.test(text)) return UNSURE;
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch {
    return UNSURE;
  }
  return buildDocument(text, events);
}

/** A collection being built, with the key read for the value that comes next. */
interface Frame {
  value: unknown[] | Record<string, unknown>;
  key: string | undefined;
}

/**
 * Builds the one document of an event stream. UNSURE for anything else: no or several
 * documents, directives, tags, anchors, aliases, a block scalar as the whole document (the
 * two read its trailing comment lines apart), and keys `yaml` would turn into strings its own
 * way or reject (non-strings, duplicates, `__proto__`, the merge key `<<`).
 */
function buildDocument(text: string, events: readonly Event[]): unknown {
  const start = events[0];
  if (start?.type !== EVENT_ID.DOCUMENT || start.directives.length > 0) return UNSURE;
  if (isBlockScalar(events[1])) return UNSURE;
  const stack: Frame[] = [];
  let document: unknown = UNSURE;
  for (let i = 1; i < events.length; i++) {
    const event = events[i]!;
    let value: unknown;
    switch (event.type) {
      case EVENT_ID.SCALAR:
        if (event.tagStart !== -1 || event.anchorStart !== -1) return UNSURE;
        value = scalarValue(text, event);
        break;
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING:
        if (event.tagStart !== -1 || event.anchorStart !== -1) return UNSURE;
        stack.push({ value: event.type === EVENT_ID.SEQUENCE ? [] : {}, key: undefined });
        continue;
      case EVENT_ID.POP: {
        const frame = stack.pop();
        if (frame === undefined) return i === events.length - 1 ? document : UNSURE;
        if (frame.key !== undefined) return UNSURE;
        value = frame.value;
        break;
      }
      default:
        return UNSURE;
    }
    const parent = stack[stack.length - 1];
    if (parent === undefined) document = value;
    else if (!addToParent(parent, value)) return UNSURE;
  }
  return UNSURE;
}

function isBlockScalar(event: Event | undefined): boolean {
  return (
    event?.type === EVENT_ID.SCALAR &&
    (event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK)
  );
}

/** A scalar's value: plain ones resolve as `yaml`'s core schema does, the others are text. */
function scalarValue(text: string, event: ScalarEvent): unknown {
  const source = getScalarValue(text, event);
  return event.style === SCALAR_STYLE.PLAIN ? resolveCoreScalar(source) : source;
}

/** Adds an item, a key or a key's value; false where `yaml` must decide. */
function addToParent(parent: Frame, value: unknown): boolean {
  const container = parent.value;
  if (Array.isArray(container)) {
    container.push(value);
    return true;
  }
  if (parent.key !== undefined) {
    container[parent.key] = value;
    parent.key = undefined;
    return true;
  }
  if (typeof value !== "string" || value === "__proto__" || value === "<<") return false;
  if (Object.hasOwn(container, value)) return false;
  parent.key = value;
  return true;
}
