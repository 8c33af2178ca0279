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

/** A Workflow's DAG: its jobs, each after the jobs it depends on. Undefined when there is no such workflow. */
export function dagGraph(lineage: Lineage, workflow: string): Graph | undefined {
  const jobs = lineage.jobs.filter(
    (j) => j.workflow !== undefined && (j.workflow === workflow || j.resourceId === workflow),
  );
  if (jobs.length === 0) return undefined;
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

/** The workflows `--dag` can draw. */
export function workflowNames(lineage: Lineage): string[] {
  return [
    ...new Set(lineage.jobs.flatMap((j) => (j.workflow === undefined ? [] : [j.workflow]))),
  ].sort();
}

function jobLabel(j: Lineage["jobs"][number]): string {
  return j.workflow === undefined ? `${j.type} ${j.name}` : `${j.workflow} / ${j.name}`;
}
