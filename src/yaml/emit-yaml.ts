/**
 * A purpose-built YAML emitter for plain, deterministic Kubernetes data. It supports exactly
 * what the compiler produces (plain objects, arrays, strings, finite numbers, booleans, null)
 * and nothing else, which is what lets it be several times faster than a general library:
 * no document model, no options, no anchors, no folding. Output is byte-stable: fixed key
 * order, 2-space block style, LF, final newline.
 */
import {
  doubleQuoted,
  formatNumber,
  inlineString,
  literalBody,
  literalHeader,
} from "./format-scalar.js";

/** How the keys of one mapping are ordered. */
type KeyOrder = "top" | "metadata" | "sorted";

/** Keys that lead a top-level object and its `metadata`, in this order; the rest are sorted. */
const LEADING_KEYS: Record<KeyOrder, readonly string[]> = {
  top: ["apiVersion", "kind", "metadata"],
  metadata: ["name", "namespace"],
  sorted: [],
};

/** YAML 1.2 limits implicit keys to 1024 characters; longer keys use the explicit `? ` form. */
const MAX_IMPLICIT_KEY = 1024;

/**
 * Serializes plain data as block-style YAML that YAML 1.1 and 1.2 parsers read back
 * unchanged. Throws on values that have no place in Kubernetes data (a bug upstream).
 */
export function emitYaml(value: unknown): string {
  const out: Out = { text: "" };
  emitDocument(out, value);
  // The text is a V8 rope of hundreds of lines; callers keep thousands of documents alive
  // until they are written, and flattening each once here (charCodeAt does that) cut the
  // garbage collector's share of a 30,000-object build by about half.
  out.text.charCodeAt(0);
  return out.text;
}

/**
 * The text being written. Every line is appended to this one string, which V8 copies once
 * when it flattens the rope. Returning each mapping's text for its parent to concatenate
 * built the same text level by level, with an intermediate string at each; appending here
 * measured faster than that and than joining an array of pieces.
 */
interface Out {
  text: string;
}

function emitDocument(out: Out, value: unknown): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.text += "[]\n";
    else emitSequence(out, value, "", "");
  } else if (isPlainObject(value)) {
    const keys = orderedKeys(value, "top");
    if (keys.length === 0) out.text += "{}\n";
    else emitMapping(out, value, keys, "top", "", "");
  } else {
    out.text += `${scalarOnOneLine(value)}\n`;
  }
}

/** A mapping whose first line starts with `first` and the others with `indent`. */
function emitMapping(
  out: Out,
  map: Record<string, unknown>,
  keys: readonly string[],
  order: KeyOrder,
  indent: string,
  first: string,
): void {
  const child = `${indent}  `;
  let lead = first;
  for (const key of keys) {
    const nestedOrder = order === "top" && key === "metadata" ? "metadata" : "sorted";
    emitEntry(out, key, map[key], nestedOrder, indent, child, lead);
    lead = indent;
  }
}

/** One `key: value` entry; `child` is the indentation of the value's nested lines. */
function emitEntry(
  out: Out,
  key: string,
  value: unknown,
  order: KeyOrder,
  indent: string,
  child: string,
  lead: string,
): void {
  const keyText = keyString(key);
  if (keyText.length > MAX_IMPLICIT_KEY) {
    // Explicit entries (`? key` / `: value`) take their value exactly like a sequence item.
    out.text += `${lead}? ${keyText}\n`;
    emitItem(out, value, `${indent}: `, child, order);
  } else if (typeof value === "string") {
    const header = literalHeader(value);
    if (header === undefined) out.text += `${lead}${keyText}: ${inlineString(value)}\n`;
    else out.text += `${lead}${keyText}: ${header}\n${literalBody(value, child)}`;
  } else if (Array.isArray(value)) {
    if (value.length === 0) out.text += `${lead}${keyText}: []\n`;
    else {
      out.text += `${lead}${keyText}:\n`;
      emitSequence(out, value, child, child);
    }
  } else if (isPlainObject(value)) {
    const keys = orderedKeys(value, order);
    if (keys.length === 0) out.text += `${lead}${keyText}: {}\n`;
    else {
      out.text += `${lead}${keyText}:\n`;
      emitMapping(out, value, keys, order, child, child);
    }
  } else {
    out.text += `${lead}${keyText}: ${scalarOnOneLine(value)}\n`;
  }
}

/** A block sequence whose first line starts with `first` and the others with `indent`. */
function emitSequence(out: Out, items: readonly unknown[], indent: string, first: string): void {
  const child = `${indent}  `;
  const dash = `${indent}- `;
  for (let i = 0; i < items.length; i++) {
    emitItem(out, items[i], i === 0 ? `${first}- ` : dash, child, "sorted");
  }
}

/**
 * One value after an indicator (`- ` or `: `) that already sits on the line: `prefix` is the
 * text of that line so far, `child` the indentation of the value's own nested lines.
 */
function emitItem(out: Out, value: unknown, prefix: string, child: string, order: KeyOrder): void {
  if (typeof value === "string") {
    const header = literalHeader(value);
    if (header === undefined) out.text += `${prefix}${inlineString(value)}\n`;
    else out.text += `${prefix}${header}\n${literalBody(value, child)}`;
  } else if (Array.isArray(value)) {
    if (value.length === 0) out.text += `${prefix}[]\n`;
    else emitSequence(out, value, child, prefix);
  } else if (isPlainObject(value)) {
    const keys = orderedKeys(value, order);
    if (keys.length === 0) out.text += `${prefix}{}\n`;
    else emitMapping(out, value, keys, order, child, prefix);
  } else {
    out.text += `${prefix}${scalarOnOneLine(value)}\n`;
  }
}

/**
 * Keys repeat across objects (`name`, `app.kubernetes.io/name`…), so how each is written is
 * remembered: a lookup costs less than checking the key again. The cap bounds the memory
 * when keys are data (ConfigMap file names, annotation keys), which rarely repeat anyway.
 */
const keyTexts = new Map<string, string>();
const MAX_REMEMBERED_KEYS = 10_000;

/** A mapping key as written: plain when safe, else double-quoted. */
function keyString(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = inlineString(key);
    if (keyTexts.size < MAX_REMEMBERED_KEYS) keyTexts.set(key, text);
  }
  return text;
}

/** Scalars that never need a block: numbers, booleans, null, and strings (quoted if multi-line). */
function scalarOnOneLine(value: unknown): string {
  switch (typeof value) {
    case "string":
      return value.includes("\n") ? doubleQuoted(value) : inlineString(value);
    case "number":
      return formatNumber(value);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
  }
  throw new Error(`emitYaml: cannot emit a value of type ${describe(value)}`);
}

/** Keys with a defined value: the order's leading keys first, then the rest by code unit. */
function orderedKeys(map: Record<string, unknown>, order: KeyOrder): string[] {
  let keys = Object.keys(map);
  if (keys.some((key) => map[key] === undefined)) keys = keys.filter((k) => map[k] !== undefined);
  sortCodeUnits(keys);
  const leading = LEADING_KEYS[order];
  if (leading.length === 0) return keys;
  const front = leading.filter((k) => map[k] !== undefined);
  return front.length === 0 ? keys : [...front, ...keys.filter((k) => !front.includes(k))];
}

/**
 * Sorts by UTF-16 code unit, like `Array.prototype.sort()` without a comparator. Kubernetes
 * maps are small, and insertion sort with `<` is several times faster there than the
 * built-in sort, which dominated the emitter's profile.
 */
function sortCodeUnits(keys: string[]): void {
  if (keys.length > 24) {
    keys.sort();
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto === Object.prototype || proto === null) return true;
  throw new Error(`emitYaml: cannot emit a value of type ${describe(value)}`);
}

function describe(value: unknown): string {
  if (typeof value !== "object" || value === null) return typeof value;
  return (value as object).constructor?.name ?? "object";
}
