import type { PodSecurityProfile } from "../compile/security-context.js";
import { podSecurityProfile } from "../compile/security-context.js";
import type { StackyardConfig } from "../config/types.js";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { rangeAtPath } from "../parse/node-at-path.js";
import { CHECK_CODES } from "./codes.js";
import { POLICIES, type Finding, type Policy } from "./policies/index.js";
import { policySeverity } from "./policy-settings.js";
import { originOf, reportedAt, type ObjectProvenance } from "./provenance.js";
import { waiverKey, type Waiver } from "./waivers.js";

const PROFILE_RANK: Record<PodSecurityProfile, number> = {
  restricted: 0,
  baseline: 1,
  privileged: 2,
};

/** Runs every enabled policy over one object; waived findings are counted, not reported. */
export function runPolicies(
  p: ObjectProvenance,
  config: StackyardConfig,
  waivers: Map<string, Waiver>,
): Diagnostic[] {
  // Workspace-level objects (the Namespace) are shared: no one resource answers for them.
  const own = p.resource !== undefined && p.emit.unit !== "";
  const ctx = { config, profile: profileOf(p), ...(own ? { resource: p.resource } : {}) };
  return Object.values(POLICIES).flatMap((policy) => {
    const severity = policySeverity(policy, p.emit.workspace, config);
    if (severity === "off") return [];
    const findings = policy.check(p.emit.object, ctx);
    const waiver = waivers.get(waiverKey(p.emit.source.resourceId, policy.id));
    if (waiver !== undefined) {
      waiver.suppressed += findings.length;
      return [];
    }
    return findings.map((f) => toDiagnostic(p, policy, f, severity));
  });
}

/** A finding positioned where its value came from, with a note naming the object it is in. */
function toDiagnostic(
  p: ObjectProvenance,
  policy: Policy,
  f: Finding,
  severity: Diagnostic["severity"],
): Diagnostic {
  const origin = originOf(p, f.path, f.value);
  const place = reportedAt(p, f.path, origin);
  const { object } = p.emit;
  const related = [];
  if (place.builtin !== undefined) related.push(place.builtin);
  else if (origin.kind === "template" && p.resource !== undefined) {
    const { source, path } = p.resource.origin;
    related.push({
      file: source.file,
      range: rangeAtPath(source, [...path, "name"]),
      message: `rendered for ${p.resource.meta.type} ${p.resource.meta.name}`,
    });
  }
  const where = `${object.kind} ${object.metadata.name}, ${f.path.join(".")}`;
  const why = origin.kind === "default" || origin.kind === "generated" ? `; ${origin.note}` : "";
  return diag(CHECK_CODES.policy, `[${policy.id}] ${f.message} (${where}${why})`, place.at, {
    severity,
    related,
    hint: `${f.hint ?? policy.description} — or waive it: \`stackyard.dev/waive.${policy.id}: <reason>\``,
  });
}

/** The weakest pod-security profile among the stacks behind an object. */
function profileOf(p: ObjectProvenance): PodSecurityProfile {
  return p.runnables
    .map((r) => podSecurityProfile(r.stack))
    .reduce<PodSecurityProfile>(
      (a, b) => (PROFILE_RANK[b] > PROFILE_RANK[a] ? b : a),
      "restricted",
    );
}
