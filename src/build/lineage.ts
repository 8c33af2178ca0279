import type { RenderedRunnable } from "../render/types.js";

/** `out/lineage.json`: datasets, the jobs that touch them, and read/write edges. */
export interface Lineage {
  datasets: Array<{ address: string; depot: string; collection?: string; dataset?: string; depotType: string }>;
  jobs: Array<{ id: string; resourceId: string; name: string; type: string; workspace: string; stack: string; file: string; line: number }>;
  edges: Array<{ job: string; dataset: string; access: "read" | "write" }>;
}

/** Dataset identity without the acl query: `dataos://depot:collection/dataset`. */
function datasetKey(address: string): string {
  return address.replace(/\?.*$/, "");
}

/**
 * Builds lineage from the addresses each stack's jq filters found. DataOS marks writes with
 * `?acl=rw`; everything else is a read.
 */
export function buildLineage(runnables: readonly RenderedRunnable[], lineOf: (r: RenderedRunnable) => number): Lineage {
  const datasets = new Map<string, Lineage["datasets"][number]>();
  const jobs: Lineage["jobs"] = [];
  const edges: Lineage["edges"] = [];
  for (const r of runnables) {
    const jobId = `${r.resource.id}${r.job ? `/${r.job.name}` : ""}`;
    jobs.push({
      id: jobId,
      resourceId: r.resource.id,
      name: r.name,
      type: r.orchestrator,
      workspace: r.workspace,
      stack: r.spec.stack,
      file: r.specOrigin.source.file,
      line: lineOf(r),
    });
    for (const d of r.datasets) {
      const key = datasetKey(d.address);
      const entry: Lineage["datasets"][number] = { address: key, depot: d.depot, depotType: d.depotResource.spec.type };
      if (d.collection !== undefined) entry.collection = d.collection;
      if (d.dataset !== undefined) entry.dataset = d.dataset;
      datasets.set(key, entry);
      edges.push({ job: jobId, dataset: key, access: d.acl === "rw" ? "write" : "read" });
    }
  }
  const byString = <T>(f: (x: T) => string) => (a: T, b: T) => (f(a) < f(b) ? -1 : f(a) > f(b) ? 1 : 0);
  return {
    datasets: [...datasets.values()].sort(byString((d) => d.address)),
    jobs: jobs.sort(byString((j) => j.id)),
    edges: edges.sort(byString((e) => `${e.job}\0${e.dataset}\0${e.access}`)),
  };
}
