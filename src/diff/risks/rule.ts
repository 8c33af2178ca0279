import type { ObjectChange, RiskLevel } from "../types.js";

/**
 * One risk check: a plain object registered in risks/index.ts. `check` looks at one changed
 * object and says, in plain words, each thing a reviewer must see before merging.
 */
export interface RiskRule {
  id: string;
  level: RiskLevel;
  /** What the rule looks for, for the docs. */
  summary: string;
  check(change: ObjectChange): string[];
}
