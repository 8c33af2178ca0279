import { describe, expect, it } from "vitest";
import { requireBundle, runStackyard } from "./run-stackyard.js";

requireBundle();

// The worktree root is the example repository: clusters prod (every workspace) and edge (retail).
const DEPLOYMENT = "out/edge/retail/worker-orders-stream/deployment-orders-stream-d.yaml";

describe("stackyard explain OBJECT FIELD, for a field the object does not have", () => {
  it("says the object has no such field and lists the fields where the path left the object", async () => {
    const run = await runStackyard(["explain", DEPLOYMENT, "spec.template.spec.contianers"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      "stackyard: Deployment orders-stream-d has no field spec.template.spec.contianers\n",
    );
    expect(run.stderr).toContain(
      "hint: did you mean spec.template.spec.containers? fields under spec.template.spec: ",
    );
    expect(run.stderr).not.toContain("generated");
  });

  it("says a list has no element past its end, and which indexes it has", async () => {
    const run = await runStackyard(["explain", DEPLOYMENT, "spec.template.spec.containers[5]"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      "stackyard: Deployment orders-stream-d has no spec.template.spec.containers[5]: spec.template.spec.containers has 1 element\n" +
        "hint: its only index is 0 (ask about spec.template.spec.containers[0])\n",
    );
    const past = await runStackyard([
      "explain",
      DEPLOYMENT,
      "spec.template.spec.containers[5].image",
    ]);
    expect(past.code).toBe(2);
    expect(past.stdout).toBe("");
    expect(past.stderr).toContain("has no spec.template.spec.containers[5]");
  });

  it("still explains a field the object has", async () => {
    const run = await runStackyard([
      "explain",
      DEPLOYMENT,
      "spec.template.spec.containers[0].image",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'FIELD     spec.template.spec.containers.0.image = "docker.io/library/python:3.12.7-slim-bookworm"\n' +
        "FROM      template: containerResourceTemplate of stack python-etl+python:1.0",
    );
  });
});
