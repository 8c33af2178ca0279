import { describe, expect, it } from "vitest";
import { loadAllSchemas } from "../../src/check/k8s/models.js";
import { hasSchema, schemaProblems } from "../../src/check/k8s/validate-object.js";
import type { ObjectProvenance } from "../../src/check/provenance.js";
import { validateOutput } from "../../src/check/validate-output.js";

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

  it("reports a value that matches no branch of a oneOf once (cpu: lots), saying what is valid", () => {
    const pod = (cpu: unknown) => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d" },
      spec: {
        selector: { matchLabels: { a: "b" } },
        template: {
          metadata: { labels: { a: "b" } },
          spec: { containers: [{ name: "c", image: "x:1", resources: { requests: { cpu } } }] },
        },
      },
    });
    const cpu = ["spec", "template", "spec", "containers", 0, "resources", "requests", "cpu"];
    expect(schemaProblems(pod("500m"))).toEqual([]);
    expect(schemaProblems(pod("lots"))).toEqual([
      {
        kind: "schema",
        path: cpu,
        message: 'must be a quantity: a number, or a string such as "500m", "2", "1.5" or "512Mi"',
      },
    ]);
    const workflow = {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Workflow",
      metadata: { name: "w" },
      spec: {
        entrypoint: "main",
        templates: [
          {
            name: "main",
            container: { name: "c", image: "x:1", resources: { limits: { memory: "much" } } },
          },
        ],
      },
    };
    expect(schemaProblems(workflow)).toEqual([
      {
        kind: "schema",
        path: ["spec", "templates", 0, "container", "resources", "limits", "memory"],
        message: 'must be a quantity: a number, or a string such as "500m", "2", "1.5" or "512Mi"',
      },
    ]);
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

describe("the hint of an unknown field in the output", () => {
  /** The hints of validating `object`, emitted with no resource behind it. */
  const hints = (object: Record<string, unknown>): Array<string | undefined> => {
    const emit = {
      cluster: "default",
      workspace: "w",
      unit: "",
      object,
      source: { file: "x.yaml" },
    };
    return validateOutput({ emit, runnables: [] } as unknown as ObjectProvenance, true).map(
      (d) => d.hint,
    );
  };
  const deployment = (spec: Record<string, unknown>) => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "d" },
    spec: {
      selector: { matchLabels: { a: "b" } },
      template: { metadata: { labels: { a: "b" } }, spec },
    },
  });

  it("explains the unknown field's parent, which kubectl can, with the apiVersion", () => {
    expect(hints(deployment({ containers: [{ name: "c", imagePullPolice: "Always" }] }))).toEqual([
      "Kubernetes would drop or reject it; check the spelling against `kubectl explain deployment.spec.template.spec.containers --api-version=apps/v1`",
    ]);
    expect(hints({ ...deployment({ containers: [{ name: "c" }] }), spc: {} })).toEqual([
      "Kubernetes would drop or reject it; check the spelling against `kubectl explain deployment --api-version=apps/v1`",
    ]);
  });

  it("names a custom resource's schema, which kubectl explain may not have", () => {
    expect(
      hints(
        monitor({
          podMetricsEndpoints: [{ port: "metrics" }],
          selector: { matchLabels: { a: "b" } },
          podMetricsEndpoint: [],
        }),
      ),
    ).toEqual([
      "Kubernetes would drop or reject it; check the spelling against the monitoring.coreos.com/v1 PodMonitor schema (its CRD)",
    ]);
  });
});
