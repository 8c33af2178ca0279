import path from "node:path";
import { describe, expect, it } from "vitest";
import { inspectRepo } from "../../src/build/index.js";
import { explainObject, findObjects, parseFieldPath } from "../../src/check/explain.js";
import { loadConfig } from "../../src/config/index.js";
import { formatExplanation } from "../../src/cli/explain-object.js";

const FIXTURES = path.join(import.meta.dirname, "../fixtures/cases");

async function inspect(fixture: string) {
  const root = path.join(FIXTURES, fixture, "repo");
  const { config } = await loadConfig(root);
  const result = await inspectRepo({ root, config });
  expect(result.compiled, JSON.stringify(result.diagnostics)).toBeDefined();
  return { ...result.compiled!, sources: result.sources };
}

describe("stackyard explain OBJECT [FIELD]", () => {
  it("names the resource, stack and templates of an object, and the stack template line of a field", async () => {
    const repo = await inspect("policy-output-unknown-field-warns");
    const [deployment] = findObjects(repo.objects, "apps/deployment/typo-app-d");
    const e = explainObject(
      deployment!,
      repo.provenance,
      repo.sources,
      parseFieldPath("spec.template.spec.containers[0].imagePullPolice"),
    );
    expect(formatExplanation(e)).toBe(
      [
        "OBJECT    Deployment typo-app-d (namespace apps), apps/v1",
        "CLUSTER   default, folder worker-typo-app",
        "RESOURCE  worker:v1beta:typo-app:apps at worker.yaml:1:7",
        "STACK     typo:1.0 from stack.yaml (containerResourceTemplate)",
        "",
        'FIELD     spec.template.spec.containers.0.imagePullPolice = "Always"',
        "FROM      template: containerResourceTemplate of stack typo:1.0, template line 2",
        "AT        stack.yaml:11:9",
        "TEMPLATE  containerResourceTemplate of typo:1.0 (stack.yaml)",
        "",
      ].join("\n"),
    );
  });

  it("traces stack probes and stackyard defaults", async () => {
    const repo = await inspect("lineage-multi-job-across-depots");
    const [deployment] = findObjects(repo.objects, "deployment/c360-sync-d");
    const field = (f: string) =>
      explainObject(deployment!, repo.provenance, repo.sources, parseFieldPath(f)).field!;
    expect(field("spec.template.spec.containers.0.readinessProbe").origin).toMatchObject({
      kind: "stack",
      at: { file: "stacks/mover.yaml", line: 18 },
    });
    expect(field("spec.template.spec.containers.0.resources.limits.cpu").origin).toMatchObject({
      kind: "default",
      note: "stackyard's default limits (cpu 400m, memory 400Mi)",
    });
    expect(field("spec.replicas").origin).toMatchObject({
      kind: "default",
      note: "the default of 1 replica",
    });
    expect(field("spec.template.spec.containers.0.securityContext.runAsNonRoot").origin.kind).toBe(
      "default",
    );
  });

  it("finds Workflow job templates by their job, and objects by their out/ file", async () => {
    const repo = await inspect("lineage-multi-job-across-depots");
    const [workflow] = findObjects(
      repo.objects,
      "default/analytics/workflow-customer-360/workflow-customer-360-2bb623d5.yaml",
    );
    expect(workflow?.object.kind).toBe("Workflow");
    const templates = (workflow!.object.spec as { templates: Array<{ name: string }> }).templates;
    const join = templates.findIndex((t) => t.name === "job-join");
    const e = explainObject(
      workflow!,
      repo.provenance,
      repo.sources,
      parseFieldPath(`spec.templates.${join}.container.image`),
    );
    expect(e.field?.origin).toMatchObject({ kind: "stack", at: { file: "stacks/mover.yaml" } });
    expect(e.resource?.at).toEqual({ file: "pipeline.yaml", line: 1, column: 7 });
    expect(findObjects(repo.objects, "deployment/nope")).toEqual([]);
  });
});
