import { maskRange } from "../diagnostics/mask.js";
import type { OverrideSetting } from "./cluster-types.js";
import type { StackyardConfig } from "./types.js";

/**
 * The `overrides[].set` entries that write a secret's data (`instance-secret.data.KEY`,
 * `secret.data`, or a whole `secret:` section): their values are secret values, which a build
 * refuses in plain text (PLAINTEXT_SECRET) and which must never be printed or stored.
 */
export function secretSettings(config: Pick<StackyardConfig, "clusters">): OverrideSetting[] {
  return config.clusters.flatMap((cluster) =>
    cluster.overrides.flatMap((o) =>
      o.set.filter(
        (s) =>
          (s.path[0] === "secret" || s.path[0] === "instance-secret") &&
          (s.path.length === 1 || s.path[1] === "data"),
      ),
    ),
  );
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
