import { describe, expect, it } from "vitest";
import { loadAllSchemas } from "../../src/check/k8s/models.js";
import { hasSchema, schemaProblems } from "../../src/check/k8s/validate-object.js";

await loadAllSchemas();

const monitor = (spec: Record<string, unknown>) => ({
  apiVersion: "monitoring.coreos.com/v1",
  kind: "PodMonitor",
  metadata: { name: "m", namespace: "n" },
  spec,
});

describe("output validation at build time", () => {
  it("knows the kinds stackyard emits, GitOps bootstrap kinds and Prometheus monitors", () => {
    for (const [v, k] of [
      ["apps/v1", "Deployment"],
      ["argoproj.io/v1alpha1", "Application"],
      ["kustomize.toolkit.fluxcd.io/v1", "Kustomization"],
      ["monitoring.coreos.com/v1", "ServiceMonitor"],
    ]) {
      expect(hasSchema(v!, k!), `${v}/${k}`).toBe(true);
    }
  });

  it("returns problems with paths: unknown fields, schema errors, kinds without schema", () => {
    const ok = {
      podMetricsEndpoints: [{ port: "metrics", path: "/metrics" }],
      selector: { matchLabels: { a: "b" } },
    };
    expect(schemaProblems(monitor(ok))).toEqual([]);
    expect(schemaProblems(monitor({ ...ok, podMetricsEndpoint: [] }))).toEqual([
      {
        kind: "unknown-field",
        path: ["spec", "podMetricsEndpoint"],
        message: "podMetricsEndpoint is not a known field",
      },
    ]);
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d" },
      spec: { replicas: "2", selector: {}, template: {} },
    };
    expect(schemaProblems(deployment)).toContainEqual({
      kind: "schema",
      path: ["spec", "replicas"],
      message: "must be integer",
    });
    expect(schemaProblems({ apiVersion: "example.com/v1", kind: "Thing" })[0]!.kind).toBe(
      "no-schema",
    );
  });
});
