import { diag, type Diagnostic, type SourceLocation } from "../diagnostics/diagnostic.js";
import { rangeAtPath } from "../parse/node-at-path.js";
import type { NodePath, ParsedDocument } from "../parse/types.js";
import type { ValidateFunction } from "./ajv.js";
import { argoDurationProblem, rfc3339Problem } from "./argo-values.js";
import { checkDag } from "./check-dag.js";
import { cronProblem, timezoneProblem } from "./cron.js";
import { mapAjvErrors } from "./map-ajv-errors.js";
import { JOB_FRAGMENT } from "./schemas/envelopes.js";
import type { StaticSchema } from "./static-schemas.js";
import { staticValidator } from "./static-validator.js";
import { resourceId, toMeta, toRunnable } from "./to-resource.js";
import type { WorkflowJob, WorkflowResource, WorkflowSpec } from "./types.js";
import { validateEnvelope, type CheckedDocument } from "./validate-envelope.js";
import { normalizeDocument, normalizeJobFragment } from "../normalize/normalize.js";

/** Finds the document a `dag[].file` names; `at` is where the reference is written. */
export type IncludeLoader = (
  fromFile: string,
  ref: string,
  at: SourceLocation,
) => { source: ParsedDocument } | { diagnostic: Diagnostic };

type Obj = Record<string, unknown>;

let fragmentValidator: ValidateFunction | undefined;

/** Longest chain of workflows including workflows; deeper is almost surely a loop. */
const MAX_INCLUDE_DEPTH = 8;

/**
 * Builds a Workflow resource, expanding `dag[].file` includes: a file holding one job becomes
 * that job; a file holding a whole Workflow becomes a sub-DAG whose jobs are named
 * `<entry>-<job>`, which starts after the entry's dependencies and which the entry's
 * dependents wait for (the DataOS "super DAG").
 */
export function buildWorkflow(
  checked: CheckedDocument,
  defaultWorkspace: string,
  load: IncludeLoader,
): { resource?: WorkflowResource; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const meta = toMeta(checked.value, defaultWorkspace);
  const section = checked.value.workflow as Obj;
  const jobs = expandDag(
    checked.source,
    ["workflow", "dag"],
    section.dag as Obj[],
    "",
    load,
    diagnostics,
    [checked.source.file],
  );
  const spec: WorkflowSpec = { dag: jobs };
  if (typeof section.title === "string") spec.title = section.title;
  const sched = section.schedule as Obj | undefined;
  if (sched) {
    spec.schedule = {
      cron: sched.cron as string,
      concurrencyPolicy:
        (sched.concurrencyPolicy as "Allow" | "Forbid" | "Replace" | undefined) ?? "Allow",
    };
    diagnostics.push(...scheduleProblems(checked.source, sched));
    if (typeof sched.timezone === "string") spec.schedule.timezone = sched.timezone;
    // An endOn that is no date is reported above and left out, not emitted as a broken `when`.
    if (typeof sched.endOn === "string" && rfc3339Problem(sched.endOn) === undefined)
      spec.schedule.endOn = sched.endOn;
    else if (sched.endOn instanceof Date) spec.schedule.endOn = sched.endOn.toISOString();
  }
  const resource: WorkflowResource = {
    meta: { ...meta, type: "workflow" },
    spec,
    origin: { source: checked.source, path: [] },
    id: resourceId(meta),
  };
  diagnostics.push(...checkDag(resource));
  return { resource, diagnostics };
}

function expandDag(
  source: ParsedDocument,
  dagPath: NodePath,
  entries: Obj[],
  prefix: string,
  load: IncludeLoader,
  diagnostics: Diagnostic[],
  chain: string[],
): WorkflowJob[] {
  const jobs: WorkflowJob[] = [];
  const subDags = new Map<string, { roots: string[]; leaves: string[] }>();
  entries.forEach((entry, i) => {
    const entryPath = [...dagPath, i];
    const name = prefix + (entry.name as string);
    const deps = ((entry.dependencies as string[] | undefined) ?? []).map((d) => prefix + d);
    if (entry.retry !== undefined)
      diagnostics.push(...retryProblems(source, [...entryPath, "retry"], entry.retry as Obj));
    if (entry.spec !== undefined) {
      jobs.push(toJob(entry, name, deps, source, entryPath));
      return;
    }
    if (typeof entry.file !== "string") {
      diagnostics.push(
        diag(
          "MISSING_FIELD",
          `dag job \`${entry.name as string}\` needs a \`spec\` or a \`file\``,
          {
            file: source.file,
            range: rangeAtPath(source, [...entryPath, "name"]),
          },
          {
            hint: "add `spec:` with the job's stack and compute, or `file:` naming a job or workflow file",
          },
        ),
      );
      return;
    }
    const at = { file: source.file, range: rangeAtPath(source, [...entryPath, "file"]) };
    const loaded = load(source.file, entry.file, at);
    if ("diagnostic" in loaded) {
      diagnostics.push(loaded.diagnostic);
      return;
    }
    const inc = loaded.source;
    if (chain.includes(inc.file) || chain.length > MAX_INCLUDE_DEPTH) {
      diagnostics.push(
        diag(
          "DAG_CYCLE",
          `including ${inc.file} here would include it again (${[...chain, inc.file].join(" → ")})`,
          at,
        ),
      );
      return;
    }
    diagnostics.push(...normalizeDocument(inc));
    let value = inc.doc.toJS({ maxAliasCount: 100 }) as Obj | null;
    if (value !== null && typeof value === "object" && value.type === "workflow") {
      const { checked, diagnostics: envDiags } = validateEnvelope(inc);
      diagnostics.push(...envDiags);
      if (!checked) return;
      const sub = expandDag(
        inc,
        ["workflow", "dag"],
        (checked.value.workflow as Obj).dag as Obj[],
        `${name}-`,
        load,
        diagnostics,
        [...chain, inc.file],
      );
      const subNames = new Set(sub.map((j) => j.name));
      const dependedOn = new Set(sub.flatMap((j) => j.dependencies));
      const roots = sub
        .filter((j) => !j.dependencies.some((d) => subNames.has(d)))
        .map((j) => j.name);
      for (const j of sub) if (roots.includes(j.name)) j.dependencies.push(...deps);
      subDags.set(name, {
        roots,
        leaves: sub.filter((j) => !dependedOn.has(j.name)).map((j) => j.name),
      });
      jobs.push(...sub);
      return;
    }
    // A job file is a dag entry: the same spellings are accepted (a file included twice is
    // normalized by its first include, and the second finds nothing more to report).
    diagnostics.push(...normalizeJobFragment(inc));
    value = inc.doc.toJS({ maxAliasCount: 100 }) as Obj | null;
    fragmentValidator ??= staticValidator(JOB_FRAGMENT as StaticSchema);
    if (!fragmentValidator(value)) {
      diagnostics.push(
        ...mapAjvErrors(fragmentValidator.errors ?? [], { source: inc, basePath: [] }),
      );
      return;
    }
    // The dag entry's own fields win over the included file's (its retry is checked above).
    const fragmentRetry = (value as Obj).retry;
    if (entry.retry === undefined && fragmentRetry !== undefined)
      diagnostics.push(...retryProblems(inc, ["retry"], fragmentRetry as Obj));
    const merged: Obj = { ...(value as Obj), ...entry, spec: (value as Obj).spec };
    jobs.push(toJob(merged, name, deps, inc, []));
  });
  // Jobs that depend on an included workflow wait for all of its last jobs.
  for (const job of jobs) {
    job.dependencies = job.dependencies.flatMap((d) => subDags.get(d)?.leaves ?? [d]);
  }
  return jobs;
}

function toJob(
  entry: Obj,
  name: string,
  deps: string[],
  source: ParsedDocument,
  path: NodePath,
): WorkflowJob {
  const job: WorkflowJob = {
    name,
    tags: (entry.tags as string[] | undefined) ?? [],
    spec: toRunnable(entry.spec as Obj),
    dependencies: deps,
    origin: { source, path },
    specPath: [...path, "spec"],
  };
  if (typeof entry.title === "string") job.title = entry.title;
  if (typeof entry.description === "string") job.description = entry.description;
  if (typeof entry.gcWhenComplete === "boolean") job.gcWhenComplete = entry.gcWhenComplete;
  const retry = entry.retry as Obj | undefined;
  if (retry) {
    job.retry = {
      strategy:
        (retry.strategy as NonNullable<WorkflowJob["retry"]>["strategy"] | undefined) ??
        "OnFailure",
    };
    if (typeof retry.count === "number") job.retry.count = retry.count;
    if (typeof retry.duration === "string") job.retry.duration = retry.duration;
    if (typeof retry.maxDuration === "string") job.retry.maxDuration = retry.maxDuration;
  }
  return job;
}

/**
 * A retry `duration` or `maxDuration` Argo cannot parse is INVALID_VALUE at the value: the
 * cluster accepts it, and the retry fails only when a job does.
 */
function retryProblems(source: ParsedDocument, path: NodePath, retry: Obj): Diagnostic[] {
  return (["duration", "maxDuration"] as const).flatMap((key) => {
    const value = retry[key];
    const problem = typeof value === "string" ? argoDurationProblem(value) : undefined;
    if (problem === undefined) return [];
    return [
      diag(
        "INVALID_VALUE",
        `retry.${key} ${problem}`,
        { file: source.file, range: rangeAtPath(source, [...path, key]) },
        {
          hint: `a whole number of seconds ('30') or a duration with units ns, us, ms, s, m, h, as in '30s', '10m' or '1h30m'`,
        },
      ),
    ];
  });
}

/** INVALID_CRON and INVALID_TIMEZONE, and an endOn that is no date, at the value in the manifest. */
function scheduleProblems(source: ParsedDocument, sched: Obj): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (key: string) => ({
    file: source.file,
    range: rangeAtPath(source, ["workflow", "schedule", key]),
  });
  const cron = typeof sched.cron === "string" ? cronProblem(sched.cron) : undefined;
  if (cron !== undefined)
    out.push(
      diag(
        "INVALID_CRON",
        `the schedule ${JSON.stringify(sched.cron)} is not a cron expression: ${cron}`,
        at("cron"),
        {
          hint: "five fields: minute hour day-of-month month day-of-week, as in '15 2 * * *' (02:15 every day), or @hourly, @daily, @weekly, @monthly, @yearly, @every 1h",
        },
      ),
    );
  const zone = typeof sched.timezone === "string" ? timezoneProblem(sched.timezone) : undefined;
  if (zone !== undefined)
    out.push(
      diag("INVALID_TIMEZONE", zone, at("timezone"), {
        hint: "an IANA name such as UTC, Europe/Berlin or America/New_York",
      }),
    );
  const endOn = typeof sched.endOn === "string" ? rfc3339Problem(sched.endOn) : undefined;
  if (endOn !== undefined)
    out.push(
      diag("INVALID_VALUE", `schedule.endOn ${endOn}`, at("endOn"), {
        hint: "a date and time with its UTC offset (RFC 3339), as in 2027-01-01T00:00:00Z or 2027-01-01T02:00:00+02:00",
      }),
    );
  return out;
}
