import { objectLabel } from "../collect-objects.js";
import type { ObjectChange, RiskFlag } from "../types.js";
import { customResourceDeleted, namespaceDeleted, pvcDeleted } from "./deleted-state.js";
import { podSecurityWeakened } from "./pod-security-weakened.js";
import { rbacWidened } from "./rbac-widened.js";
import { replicasZero } from "./replicas-zero.js";
import type { RiskRule } from "./rule.js";
import { scheduleChanged } from "./schedule-changed.js";
import { secretInOutput } from "./secret-in-output.js";
import { unpinnedImage } from "./unpinned-image.js";

export type { RiskRule };

/** Every risk rule, most serious first: the order the flags are listed in. */
export const RISK_RULES: readonly RiskRule[] = [
  pvcDeleted,
  namespaceDeleted,
  podSecurityWeakened,
  replicasZero,
  customResourceDeleted,
  rbacWidened,
  unpinnedImage,
  secretInOutput,
  scheduleChanged,
];

/** The risk flags of a set of changes, by rule order, then by object. */
export function findRisks(changes: readonly ObjectChange[]): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const rule of RISK_RULES) {
    for (const change of changes) {
      const where = (change.head ?? change.base)!.source;
      for (const message of rule.check(change)) {
        flags.push({
          rule: rule.id,
          level: rule.level,
          message,
          cluster: change.cluster,
          object: objectLabel(change),
          file: where.file,
          line: where.line,
        });
      }
    }
  }
  return flags;
}
