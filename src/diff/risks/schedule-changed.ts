import cronstrue from "cronstrue";
import type { DiffObject } from "../types.js";
import type { RiskRule } from "./rule.js";
import { valueAt } from "./walk.js";

/** A schedule: the cron expressions (Argo's `schedules`, or one `schedule`) and the timezone. */
function schedule(object: DiffObject | undefined): string | undefined {
  if (object === undefined) return undefined;
  const many = valueAt(object.object, "spec.schedules");
  const one = valueAt(object.object, "spec.schedule");
  const crons = Array.isArray(many) ? many.map(String) : typeof one === "string" ? [one] : [];
  if (crons.length === 0) return undefined;
  const tz = valueAt(object.object, "spec.timezone") ?? valueAt(object.object, "spec.timeZone");
  const zone = typeof tz === "string" ? ` (${tz})` : "";
  return crons.map((c) => `${c} — ${inWords(c)}${zone}`).join("; ");
}

/** The cron in words; an expression cronstrue cannot read is shown as it is. */
export function inWords(cron: string): string {
  try {
    return cronstrue.toString(cron, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return "not a cron expression cronstrue can describe";
  }
}

/** When a job runs changes what a cluster does at night: say it in words. */
export const scheduleChanged: RiskRule = {
  id: "schedule-changed",
  level: "warning",
  summary: "A CronWorkflow or CronJob is scheduled, rescheduled or unscheduled.",
  check(change) {
    const before = schedule(change.base);
    const after = schedule(change.head);
    if (before === after) return [];
    const label = `${change.kind} ${change.namespace}/${change.name}`;
    if (after === undefined)
      return change.head === undefined
        ? []
        : [`${label} no longer runs on a schedule (was ${before})`];
    return [
      before === undefined
        ? `${label} runs on a new schedule: ${after}`
        : `${label} is rescheduled: ${before} → ${after}`,
    ];
  },
};
