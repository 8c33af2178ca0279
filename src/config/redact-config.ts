import { maskRange } from "../diagnostics/mask.js";
import { isSecretManifest, isSecretValuePath } from "../diagnostics/secret-fields.js";
import type { OverrideMatch, OverrideSetting } from "./cluster-types.js";
import type { StackyardConfig } from "./types.js";

/**
 * The `overrides[].set` entries that write into a secret (`instance-secret.data.KEY`,
 * `secret.data`, a whole `secret:` section, a misspelled `instance-secret.dta.KEY`, or a field
 * of an override matching `type: secret`), but for the envelope and the section's settings
 * (`name`, `instance-secret.acl`: see isSecretValuePath): their values are secret values, which a build refuses in plain text (PLAINTEXT_SECRET) and which must never be
 * printed or stored, whatever mistake a diagnostic reports at them.
 */
export function secretSettings(config: Pick<StackyardConfig, "clusters">): OverrideSetting[] {
  return config.clusters.flatMap((cluster) =>
    cluster.overrides.flatMap((o) => o.set.filter((s) => setsSecret(o.match, s.path))),
  );
}

function setsSecret(match: OverrideMatch, path: ReadonlyArray<string | number>): boolean {
  const into = isSecretManifest(match.type) || isSecretManifest(undefined, [String(path[0])]);
  return into && isSecretValuePath(path);
}

/**
 * The config file's text with the values of secretSettings masked, every offset kept: it is
 * the text that diagnostics quote.
 */
export function redactConfigSecrets(
  text: string,
  config: Pick<StackyardConfig, "clusters">,
): string {
  let out = text;
  for (const setting of secretSettings(config)) {
    const whole = setting.valueRanges.find((r) => r.path.length === 0)?.range;
    if (whole === undefined) continue;
    out = maskRange(out, whole.start, whole.end);
  }
  return out;
}

/**
 * A key of an override that writes into a secret, seen in a line of text: `secret:`,
 * `instance-secret.data.KEY:`, quoted or not, in block or flow style (see secretSettings).
 */
const SECRET_KEY = /(?<=^|[{,\s])["']?(instance-?)?secrets?(\.[^\s:#,{}"']*)?["']?[ \t]*:(?=\s|$)/i;

/**
 * The text of a config file that did not load (a syntax error, an invalid value), whose
 * overrides cannot be read for where their secret values are: on every line but the top
 * level's (the top-level `secrets:` holds settings, not values), what follows a key that writes
 * into a secret is masked to the end of the line, and so are the lines nested under it.
 * Offsets and line ends are kept.
 */
export function maskBrokenConfigSecrets(text: string): string {
  let out = "";
  let under = -1; // the indent of the key whose nested lines are masked
  for (const line of text.split(/(?<=\n)/)) {
    const end = line.replace(/\r?\n$/, "").length;
    const indent = /^[ \t]*/.exec(line)![0].length;
    const blank = /^[ \t]*(#.*)?\r?\n?$/.test(line);
    if (under >= 0 && !blank && indent > under) {
      out += maskRange(line, indent, end);
      continue;
    }
    if (!blank) under = -1;
    const key = indent > 0 ? SECRET_KEY.exec(line) : null;
    if (key === null) {
      out += line;
      continue;
    }
    const value =
      key.index + key[0].length + /^[ \t]*/.exec(line.slice(key.index + key[0].length))![0].length;
    out += maskRange(line, value, end);
    if (value >= end) under = indent;
  }
  return out;
}
