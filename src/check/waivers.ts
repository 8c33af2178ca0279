import { diag, type Diagnostic, type SourceLocation } from "../diagnostics/diagnostic.js";
import { didYouMean, formatChoices } from "../diagnostics/suggest.js";
import { rangeAtPath } from "../parse/node-at-path.js";
import type { Resource } from "../validate/types.js";
import { CHECK_CODES } from "./codes.js";
import { POLICIES } from "./policies/index.js";

/** The annotation prefix of a waiver: `stackyard.dev/waive.<policy>: <reason>`. */
export const WAIVER_PREFIX = "stackyard.dev/waive.";

/** One policy a resource waives, why, and how many findings it suppressed in this build. */
export interface Waiver {
  resourceId: string;
  policy: string;
  reason: string;
  at: SourceLocation;
  suppressed: number;
}

/** The waivers of every resource, plus errors for waivers without a reason or of no policy. */
export function collectWaivers(resources: readonly Resource[]): {
  waivers: Map<string, Waiver>;
  diagnostics: Diagnostic[];
} {
  const waivers = new Map<string, Waiver>();
  const diagnostics: Diagnostic[] = [];
  for (const resource of resources) {
    for (const [key, reason] of Object.entries(resource.meta.annotations ?? {})) {
      if (!key.startsWith(WAIVER_PREFIX)) continue;
      const policy = key.slice(WAIVER_PREFIX.length);
      const { source, path } = resource.origin;
      const at = {
        file: source.file,
        range: rangeAtPath(source, [...path, "annotations", key], "key"),
      };
      if (POLICIES[policy] === undefined) {
        const guess = didYouMean(policy, Object.keys(POLICIES));
        diagnostics.push(
          diag(CHECK_CODES.waiver, `${key} waives "${policy}", which is not a policy`, at, {
            severity: "error",
            hint: guess
              ? `did you mean "${WAIVER_PREFIX}${guess}"?`
              : `policies: ${formatChoices(Object.keys(POLICIES))}`,
          }),
        );
      } else if (reason.trim() === "") {
        diagnostics.push(
          diag(CHECK_CODES.waiver, `the waiver of ${policy} gives no reason`, at, {
            severity: "error",
            hint: "say why, for reviewers and auditors: `stackyard.dev/waive.<policy>: <reason>`",
          }),
        );
      } else {
        waivers.set(waiverKey(resource.id, policy), {
          resourceId: resource.id,
          policy,
          reason: reason.trim(),
          at,
          suppressed: 0,
        });
      }
    }
  }
  return { waivers, diagnostics };
}

/** The lookup key of a resource's waiver of a policy. */
export function waiverKey(resourceId: string, policy: string): string {
  return `${resourceId}\0${policy}`;
}

/** Every waiver is reported on every build: applied (info) or suppressing nothing (warning). */
export function reportWaivers(waivers: Iterable<Waiver>): Diagnostic[] {
  return [...waivers].map((w) =>
    w.suppressed > 0
      ? diag(
          CHECK_CODES.waiver,
          `policy ${w.policy} is waived for ${w.resourceId} (${w.suppressed} finding${w.suppressed === 1 ? "" : "s"}): ${w.reason}`,
          w.at,
          { severity: "info" },
        )
      : diag(CHECK_CODES.waiver, `the waiver of ${w.policy} suppresses nothing`, w.at, {
          severity: "warning",
          hint: "remove it: the resource meets the policy",
        }),
  );
}
