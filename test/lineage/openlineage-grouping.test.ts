import { describe, expect, it } from "vitest";
import type { Lineage } from "../../src/build/lineage.js";
import { openLineageEvents } from "../../src/build/openlineage.js";

type Job = Lineage["jobs"][number];
type Edge = Lineage["edges"][number];

function job(id: string): Job {
  return {
    id,
    resourceId: id,
    name: id,
    type: "worker",
    workspace: "public",
    stack: "container:1.0",
    dependsOn: [],
    file: `resources/${id}.yaml`,
    line: 1,
  };
}

function edge(jobId: string, dataset: string, access: Edge["access"]): Edge {
  return { job: jobId, dataset, access, declaredBy: "acl", file: "r.yaml", line: 1 };
}

const datasets: Lineage["datasets"] = ["a", "b", "c"].map((d) => ({
  address: `dataos://lake:sales/${d}`,
  depot: "lake",
  collection: "sales",
  dataset: d,
  depotType: "S3",
}));

const lineage: Lineage = {
  datasets,
  jobs: [job("j1"), job("j2"), job("j3")],
  // Interleaved on purpose: each job's edges must keep their relative order.
  edges: [
    edge("j2", "dataos://lake:sales/c", "write"),
    edge("j1", "dataos://lake:sales/b", "read"),
    edge("j2", "dataos://lake:sales/a", "read"),
    edge("j1", "dataos://lake:sales/a", "read"),
    edge("j1", "dataos://lake:sales/c", "write"),
    edge("j2", "dataos://lake:sales/b", "write"),
  ],
};

const names = (refs: unknown) => (refs as Array<{ name: string }>).map((r) => r.name);

describe("openLineageEvents gives each job exactly its own edges", () => {
  const events = new Map(openLineageEvents(lineage).map((e) => [e.path, e.event]));

  it.each([
    ["j1", ["sales.b", "sales.a"], ["sales.c"]],
    ["j2", ["sales.a"], ["sales.c", "sales.b"]],
    ["j3", [], []],
  ])("job %s reads %j and writes %j, in edge order", (id, inputs, outputs) => {
    const event = events.get(`jobs/public--${id}.json`);
    expect(event).toBeDefined();
    expect(names(event?.inputs)).toEqual(inputs);
    expect(names(event?.outputs)).toEqual(outputs);
  });

  it("writes one event per job and per dataset, sorted by path", () => {
    const paths = [...events.keys()];
    expect(paths).toHaveLength(6);
    expect(paths).toEqual([...paths].sort());
  });
});
