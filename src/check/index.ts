import type { EmitObject } from "../compile/emit-object.js";
import type { StackyardConfig } from "../config/types.js";
import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { RenderedRunnable } from "../render/types.js";
import type { Resource } from "../validate/types.js";
import { checkPolicyIds } from "./policy-settings.js";
import { buildProvenance, type ProvenanceIndex } from "./provenance.js";
import { runPolicies } from "./run-policies.js";
import { validateOutput } from "./validate-output.js";
import { collectWaivers, reportWaivers, type Waiver } from "./waivers.js";

export { POLICIES } from "./policies/index.js";
export type { Policy } from "./policies/index.js";
export { buildProvenance, originOf, type FieldOrigin, type ProvenanceIndex } from "./provenance.js";
export type { Waiver } from "./waivers.js";

/** What the check stage looks at: the compiled objects and everything they came from. */
export interface CheckInput {
  config: StackyardConfig;
  objects: readonly EmitObject[];
  runnables: readonly RenderedRunnable[];
  resources: readonly Resource[];
  /** Unknown fields in the output fail the build (on by default in CI). */
  strict: boolean;
}

export interface CheckResult {
  diagnostics: Diagnostic[];
  waivers: Waiver[];
  provenance: ProvenanceIndex;
}

/**
 * The check stage: every policy and the Kubernetes/CRD schemas over every emitted object, each
 * finding positioned at the resource or stack-template line that caused it. Identical findings
 * (one template line behind several jobs' objects) are reported once.
 */
export function checkObjects(input: CheckInput): CheckResult {
  const provenance = buildProvenance(input.runnables, input.resources);
  const { waivers, diagnostics: waiverDiags } = collectWaivers(input.resources);
  const found: Diagnostic[] = [...checkPolicyIds(input.config), ...waiverDiags];
  for (const emit of input.objects) {
    const p = provenance.of(emit);
    found.push(...validateOutput(p, input.strict), ...runPolicies(p, input.config, waivers));
  }
  found.push(...reportWaivers(waivers.values()));
  return {
    diagnostics: sortDiagnostics(unique(found)),
    waivers: [...waivers.values()],
    provenance,
  };
}

/** Drops repeats: same code, place, severity and message but for the object named in parentheses. */
function unique(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const message = d.message.replace(/ \([^()]*\)$/, "");
    const key = `${d.code}\0${d.file}\0${d.range?.start}\0${d.severity}\0${message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
