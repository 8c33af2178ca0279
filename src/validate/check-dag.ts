import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { didYouMean, formatChoices } from "../diagnostics/suggest.js";
import type { SourceLocation } from "../diagnostics/diagnostic.js";
import { rangeAtPath } from "../parse/node-at-path.js";
import type { NodePath } from "../parse/types.js";
import type { Origin, WorkflowJob, WorkflowResource } from "./types.js";

function locationOf(origin: Origin, path: NodePath): SourceLocation {
  return { file: origin.source.file, range: rangeAtPath(origin.source, [...origin.path, ...path]) };
}

/**
 * Checks a Workflow's DAG: duplicate job names, dependencies on unknown jobs (with a
 * did-you-mean), on the job itself, and cycles (reported with their path, `a → b → a`, at the
 * dependency entry that closes them). Empty when the DAG can run.
 */
export function checkDag(workflow: WorkflowResource): Diagnostic[] {
  const jobs = workflow.spec.dag;
  const diagnostics = duplicateJobs(jobs);
  const names = new Set(jobs.map((j) => j.name));
  for (const job of jobs) {
    job.dependencies.forEach((dep, i) => {
      const where = locationOf(job.origin, ["dependencies", i]);
      if (dep === job.name) {
        diagnostics.push(
          diag("DAG_SELF_DEPENDENCY", `job \`${job.name}\` depends on itself`, where),
        );
      } else if (!names.has(dep)) {
        const guess = didYouMean(dep, names);
        const hint =
          guess !== undefined
            ? `did you mean \`${guess}\`? jobs: ${formatChoices(names)}`
            : `jobs: ${formatChoices(names)}`;
        diagnostics.push(
          diag(
            "UNKNOWN_DEPENDENCY",
            `job \`${job.name}\` depends on unknown job \`${dep}\``,
            where,
            {
              hint,
            },
          ),
        );
      }
    });
  }
  return [...diagnostics, ...cycles(jobs)];
}

function duplicateJobs(jobs: readonly WorkflowJob[]): Diagnostic[] {
  const first = new Map<string, WorkflowJob>();
  const diagnostics: Diagnostic[] = [];
  for (const job of jobs) {
    const earlier = first.get(job.name);
    if (earlier === undefined) {
      first.set(job.name, job);
      continue;
    }
    diagnostics.push(
      diag(
        "DUPLICATE_JOB",
        `two jobs are named \`${job.name}\``,
        locationOf(job.origin, ["name"]),
        {
          hint: "job names must be unique within a workflow",
          related: [{ ...locationOf(earlier.origin, ["name"]), message: "first defined here" }],
        },
      ),
    );
  }
  return diagnostics;
}

/** Depth-first search; a dependency on a job still on the stack closes a cycle. */
function cycles(jobs: readonly WorkflowJob[]): Diagnostic[] {
  const byName = new Map(jobs.map((j) => [j.name, j] as const));
  const state = new Map<string, "active" | "done">();
  const stack: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const visit = (job: WorkflowJob): void => {
    state.set(job.name, "active");
    stack.push(job.name);
    job.dependencies.forEach((dep, i) => {
      const next = byName.get(dep);
      if (next === undefined || dep === job.name) return; // reported above
      if (state.get(dep) === "active") {
        const path = [...stack.slice(stack.indexOf(dep)), dep].join(" → ");
        diagnostics.push(
          diag(
            "DAG_CYCLE",
            `jobs depend on each other in a cycle: ${path}`,
            locationOf(job.origin, ["dependencies", i]),
            {
              hint: "remove one of these dependencies",
            },
          ),
        );
      } else if (state.get(dep) === undefined) {
        visit(next);
      }
    });
    stack.pop();
    state.set(job.name, "done");
  };
  for (const job of jobs) if (state.get(job.name) === undefined) visit(job);
  return diagnostics;
}
