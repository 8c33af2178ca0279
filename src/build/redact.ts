import { isMap, type Node } from "yaml";
import { maskRange } from "../diagnostics/mask.js";
import type { ParsedDocument } from "../parse/types.js";

/**
 * Masks the values under `secret.data` / `instance-secret.data` in a file's text, keeping every
 * offset: diagnostics quote source lines, and a secret value must never reach a log. A value
 * that is a list or a mapping (a mistake the build reports) is masked whole. The documents of
 * the file that did not parse (`parsed` holds only those that did) are masked by their lines:
 * see maskUnparsedSecrets.
 */
export function redactSecretValues(
  text: string,
  docs: readonly ParsedDocument[],
  allParsed = true,
): string {
  let out = allParsed ? text : maskUnparsedSecrets(text);
  for (const { doc } of docs) {
    const root = doc.contents;
    if (!isMap(root)) continue;
    const type = root.get("type") as unknown;
    if (type !== "secret" && type !== "instance-secret") continue;
    const section = root.get(type, true);
    const data = isMap(section) ? section.get("data", true) : undefined;
    if (!isMap(data)) continue;
    for (const pair of data.items) {
      const range = (pair.value as Node | null)?.range;
      if (range) out = maskRange(out, range[0], range[1]);
    }
  }
  return out;
}

/** Top-level keys of a manifest that hold no secret value: kept readable in a broken secret. */
const ENVELOPE = /^(name|version|type|workspace|description|tags|layer|owner)[ \t]*:/;

/**
 * A file that did not parse cannot be read for where its secret values are. In each of its
 * documents (between `---` lines) that declares `type: secret` or `type: instance-secret`,
 * every line but the envelope's (`name:`, `type:`…) is masked after its first `key:` (a
 * line without one is masked whole), so that a syntax error quoted from it shows no value.
 */
export function maskUnparsedSecrets(text: string): string {
  const lines = text.split(/(?<=\n)/);
  let start = 0;
  let out = "";
  const flush = (end: number) => {
    const doc = lines.slice(start, end);
    const secret = doc.some((l) =>
      /^type[ \t]*:[ \t]*["']?(instance-)?secret["']?[ \t]*(#.*)?\r?$/.test(l.replace(/\n$/, "")),
    );
    out += secret ? doc.map(maskLine).join("") : doc.join("");
    start = end;
  };
  lines.forEach((line, i) => {
    if (/^(---|\.\.\.)([ \t].*)?\r?\n?$/.test(line)) {
      flush(i);
      out += line;
      start = i + 1;
    }
  });
  flush(lines.length);
  return out;
}

/** A line with what follows its first `key:` masked (all of it without one), ends kept. */
function maskLine(line: string): string {
  if (ENVELOPE.test(line) || /^[ \t]*(#.*)?\r?\n?$/.test(line)) return line;
  const key = /^([ \t]*(?:-[ \t]+)?[^\s:#"'{}[\],][^:#]*?:)(?=[ \t]|\r?\n|$)/.exec(line);
  const lead = key === null ? /^[ \t]*/ : /[ \t]*/y;
  if (key !== null) lead.lastIndex = key[1]!.length;
  const keep = (key === null ? 0 : key[1]!.length) + (lead.exec(line)?.[0].length ?? 0);
  return maskRange(line, keep, line.replace(/\r?\n$/, "").length);
}
