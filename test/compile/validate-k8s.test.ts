import { describe, expect, test } from "vitest";
import { k8sProblems } from "./validate-k8s.js";

const deployment = () => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { labels: { a: "b" }, name: "x", namespace: "n" },
  spec: {
    selector: { matchLabels: { a: "b" } },
    template: {
      metadata: { labels: { a: "b" } },
      spec: { containers: [{ image: "i", name: "c" }] },
    },
  },
});

describe("the strict validator used by every compile test", () => {
  test("accepts a valid object", () => {
    expect(k8sProblems(deployment())).toEqual([]);
  });

  test("rejects a field the schema does not know, at any depth", () => {
    const d = deployment() as any;
    d.spec.replica = 2;
    d.spec.template.spec.containers[0].imagePullPolice = "Always";
    expect(k8sProblems(d).sort()).toEqual([
      "/spec/replica is not a known field",
      "/spec/template/spec/containers/0/imagePullPolice is not a known field",
    ]);
  });

  test("rejects wrong types and unknown kinds", () => {
    const d = deployment() as any;
    d.spec.replicas = "two";
    expect(k8sProblems(d).join()).toContain("replicas must be integer");
    expect(k8sProblems({ apiVersion: "example.com/v1", kind: "Thing" })[0]).toContain("no schema");
  });

  test("validates the CRDs without models against the hand-written schemas", () => {
    const route = {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: "r", namespace: "n" },
      spec: {
        parentRefs: [{ name: "gw" }],
        rules: [{ backendRefs: [{ name: "s", port: 80 }], timeout: "1s" }],
      },
    };
    expect(k8sProblems(route)).toEqual(["/spec/rules/0/timeout is not a known field"]);
  });
});

describe("the strict validator on Argo CRDs", () => {
  test("rejects a field Argo's schema does not have (CronWorkflow `schedule` is `schedules` now)", () => {
    const cron = {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "CronWorkflow",
      metadata: { name: "c", namespace: "n" },
      spec: {
        schedule: "* * * * *",
        schedules: ["* * * * *"],
        workflowSpec: { entrypoint: "dag", templates: [{ name: "dag", dagg: {} }] },
      },
    };
    expect(k8sProblems(cron).sort()).toEqual([
      "/spec/schedule is not a known field",
      "/spec/workflowSpec/templates/0/dagg is not a known field",
    ]);
  });
});
