import type { RiskRule } from "./rule.js";
import { valueAt } from "./walk.js";

/** A workload scaled to zero stops serving; often a leftover from debugging. */
export const replicasZero: RiskRule = {
  id: "replicas-zero",
  level: "danger",
  summary: "A workload's replicas go to 0.",
  check(change) {
    if (change.head === undefined) return [];
    const after = valueAt(change.head.object, "spec.replicas");
    const before =
      change.base === undefined ? undefined : valueAt(change.base.object, "spec.replicas");
    if (after !== 0 || before === 0) return [];
    const from = typeof before === "number" ? ` (was ${before})` : "";
    return [
      `${change.kind} ${change.namespace}/${change.name} is scaled to 0 replicas${from}: it stops running`,
    ];
  },
};
