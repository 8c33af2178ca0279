import { diag } from "../diagnostics/diagnostic.js";
import type { RenderedRunnable } from "../render/types.js";
import type { WorkflowResource } from "../validate/types.js";
import type { CompileContext } from "./context.js";
import type { Obj } from "./k8s-types.js";
import { isWritten, locationOf } from "./positions.js";

/** Annotation recording `schedule.endOn`, which Argo has no field for. */
export const END_ON_ANNOTATION = "stackyard.dev/end-on";

/**
 * The CronWorkflow fields of a schedule. Argo has no end date: `endOn` becomes a `when`
 * expression (Argo ≥ 3.6) that skips every run scheduled after it. Unlike DataOS it does not
 * stop a run already in progress, hence the warning.
 */
export function cronFields(workflow: WorkflowResource, ctx: CompileContext): Obj {
  const schedule = workflow.spec.schedule!;
  const fields: Obj = { concurrencyPolicy: schedule.concurrencyPolicy, schedules: [schedule.cron] };
  if (schedule.timezone !== undefined) fields.timezone = schedule.timezone;
  if (schedule.endOn !== undefined) {
    fields.when = `{{= now() < date(${JSON.stringify(schedule.endOn)}) }}`;
    ctx.diagnostics.push(
      diag(
        "FIELD_APPROXIMATED",
        "`endOn` has no Argo equivalent: runs after it are skipped (`when`, Argo ≥ 3.6), a run in progress is not stopped",
        locationOf(workflow.origin, ["workflow", "schedule", "endOn"]),
      ),
    );
  }
  return fields;
}

/**
 * The jobs that explicitly ask for `dryRun: true`. DataOS documents both defaults, so only a
 * value written in the manifest counts.
 */
export function dryRunJobs(runnables: readonly RenderedRunnable[]): RenderedRunnable[] {
  return runnables.filter((r) => r.spec.dryRun && isWritten(r.specOrigin, ["dryRun"]));
}

/**
 * A one-off Workflow cannot be deployed without running, so `dryRun: true` is reported and
 * ignored (a CronWorkflow is suspended instead).
 */
export function reportOneOffDryRun(
  runnables: readonly RenderedRunnable[],
  ctx: CompileContext,
): void {
  for (const r of dryRunJobs(runnables)) {
    ctx.diagnostics.push(
      diag(
        "FIELD_APPROXIMATED",
        "`dryRun: true` cannot apply to a workflow without a schedule: it runs when deployed",
        locationOf(r.specOrigin, ["dryRun"]),
        { hint: "add a `schedule` (the CronWorkflow is then suspended) or remove `dryRun`" },
      ),
    );
  }
}
