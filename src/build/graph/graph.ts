import type { Lineage } from "../lineage.js";

/** A graph to draw: jobs and datasets as nodes, reads, writes and dependencies as edges. */
export interface Graph {
  title: string;
  nodes: Array<{ id: string; label: string; kind: "job" | "dataset"; detail: string }>;
  edges: Array<{ from: string; to: string; kind: "read" | "write" | "depends" }>;
}

/** The lineage graph: dataset → job for reads, job → dataset for writes; jobs that touch no dataset are left out. */
export function lineageGraph(lineage: Lineage): Graph {
  const used = new Set(lineage.edges.map((e) => e.dataset));
  const active = new Set(lineage.edges.map((e) => e.job));
  return {
    title: "lineage",
    nodes: [
      ...lineage.jobs
        .filter((j) => active.has(j.id))
        .map((j) => ({
          id: j.id,
          label: jobLabel(j),
          kind: "job" as const,
          detail: `${j.stack} · ${j.file}:${j.line}`,
        })),
      ...lineage.datasets
        .filter((d) => used.has(d.address))
        .map((d) => ({
          id: d.address,
          label: d.address,
          kind: "dataset" as const,
          detail: d.depotType,
        })),
    ],
    edges: lineage.edges.map((e) =>
      e.access === "read"
        ? { from: e.dataset, to: e.job, kind: "read" as const }
        : { from: e.job, to: e.dataset, kind: "write" as const },
    ),
  };
}

/**
 * The workflows `--dag` can mean by `arg`, as `workspace/name`: a workflow is named by its name,
 * `WORKSPACE/NAME` or its resource id. A name alone may match workflows of several workspaces.
 */
export function workflowsMatching(lineage: Lineage, arg: string): string[] {
  const found = new Set<string>();
  for (const j of lineage.jobs) {
    if (j.workflow === undefined) continue;
    const key = `${j.workspace}/${j.workflow}`;
    if (j.workflow === arg || key === arg || j.resourceId === arg) found.add(key);
  }
  return [...found].sort();
}

/**
 * A Workflow's DAG: its jobs, each after the jobs it depends on. A workflow is one workspace's:
 * undefined when `workflow` names none, or workflows of more than one workspace (see
 * workflowsMatching), whose jobs are not one graph.
 */
export function dagGraph(lineage: Lineage, workflow: string): Graph | undefined {
  const matching = workflowsMatching(lineage, workflow);
  if (matching.length !== 1) return undefined;
  const jobs = lineage.jobs.filter(
    (j) => j.workflow !== undefined && `${j.workspace}/${j.workflow}` === matching[0],
  );
  return {
    title: `workflow ${workflow}`,
    nodes: jobs.map((j) => ({
      id: j.id,
      label: j.name,
      kind: "job" as const,
      detail: `${j.stack} · ${j.file}:${j.line}`,
    })),
    edges: jobs.flatMap((j) =>
      j.dependsOn.map((d) => ({ from: d, to: j.id, kind: "depends" as const })),
    ),
  };
}

/** The workflows `--dag` can draw: by name, or as `workspace/name` when a name is in several workspaces. */
export function workflowNames(lineage: Lineage): string[] {
  const workspaces = new Map<string, Set<string>>();
  for (const j of lineage.jobs) {
    if (j.workflow === undefined) continue;
    workspaces.set(j.workflow, (workspaces.get(j.workflow) ?? new Set()).add(j.workspace));
  }
  return [...workspaces]
    .flatMap(([name, in_]) => (in_.size === 1 ? [name] : [...in_].map((w) => `${w}/${name}`)))
    .sort();
}

function jobLabel(j: Lineage["jobs"][number]): string {
  return j.workflow === undefined ? `${j.type} ${j.name}` : `${j.workflow} / ${j.name}`;
}
