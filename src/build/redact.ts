import { isAlias, isCollection, isMap, isScalar, isSeq, type Node } from "yaml";
import { maskRange } from "../diagnostics/mask.js";
import { isSecretValuePath, SECRET_ENVELOPE_KEYS } from "../diagnostics/secret-fields.js";
import type { ParsedDocument } from "../parse/types.js";
import { isSecretDocument } from "../validate/check-secrets.js";

/**
 * Masks the values of every secret or instance-secret manifest in a file's text, keeping every
 * offset: diagnostics quote source lines, and a secret value must never reach a log. Every value
 * but the envelope's (`name:`, `type:`…) and the section's settings (`acl:`…) is masked
 * (isSecretValuePath), whatever its key (`data:`, a misspelled `dta:`, a key at the wrong
 * level) and at any depth; keys stay readable, so a diagnostic about one still shows it, and a
 * list or mapping written in flow style (`[…]`, `{…}`) is masked whole. The documents of the
 * file that did not parse (`parsed` holds only those that did) are masked by their lines: see
 * maskUnparsedSecrets.
 */
export function redactSecretValues(
  text: string,
  docs: readonly ParsedDocument[],
  allParsed = true,
): string {
  let out = allParsed ? text : maskUnparsedSecrets(text);
  for (const source of docs) {
    if (isSecretDocument(source)) out = maskNode(out, source.doc.contents, []);
  }
  return out;
}

/**
 * `text` with the secret values under `node` (at `path` from the root) masked: its scalars, a
 * flow collection whole; the keys of its block mappings are kept.
 */
function maskNode(text: string, node: Node | null, path: Array<string | number>): string {
  if (node === null || isAlias(node)) return text;
  if (isCollection(node) && !node.flow) {
    let out = text;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) {
          out = maskNode(out, pair.key as Node | null, path);
          out = maskNode(out, pair.value as Node | null, path);
          continue;
        }
        const here = [...path, String(pair.key.value)];
        const value = pair.value as Node | null;
        // The envelope whatever its value; a section's setting when it is a scalar.
        if (!isSecretValuePath(here) && (here.length === 1 || !isCollection(value))) continue;
        out = maskNode(out, value, here);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => (out = maskNode(out, item as Node | null, [...path, i])));
    }
    return out;
  }
  return node.range ? maskRange(text, node.range[0], node.range[1]) : text;
}

/** Top-level keys of a manifest that hold no secret value: kept readable in a broken secret. */
const ENVELOPE = new RegExp(`^(${[...SECRET_ENVELOPE_KEYS].join("|")})[ \\t]*:`);

/**
 * A line that makes its document a secret's (see isSecretManifest): a `type:` that says secret,
 * or a top-level `secret:` or `instance-secret:` section, spelled as the parsed check reads it.
 */
const SECRET_LINE =
  /^(type[ \t]*:[ \t]*["']?[^"'#]*secret[^"'#]*["']?[ \t]*(#.*)?|["']?(instance-?)?secrets?["']?[ \t]*:.*)\r?$/i;

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
    const secret = doc.some((l) => SECRET_LINE.test(l.replace(/\n$/, "")));
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
