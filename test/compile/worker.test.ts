import { describe, expect, test } from "vitest";
import { makeRunnable, makeWorker } from "./factories.js";
import { compile, kinds, one } from "./helpers.js";

describe("Worker", () => {
  test("becomes a Deployment with HPA and PDB, and no Service", () => {
    const worker = makeWorker("sink", {
      autoScaling: {
        enabled: true,
        maxReplicas: 4,
        minReplicas: 2,
        targetCPUUtilizationPercentage: 75,
      },
      replicas: 2,
    });
    const { objects, diagnostics } = compile([makeRunnable(worker)], [worker]);
    expect(diagnostics).toEqual([]);
    expect(kinds(objects)).toEqual([
      "Deployment",
      "HorizontalPodAutoscaler",
      "Namespace",
      "PodDisruptionBudget",
      "ServiceAccount",
    ]);
    expect(one(objects, "Deployment").metadata.labels["app.kubernetes.io/component"]).toBe(
      "worker",
    );
    expect(one(objects, "HorizontalPodAutoscaler").spec.metrics).toEqual([
      {
        resource: { name: "cpu", target: { averageUtilization: 75, type: "Utilization" } },
        type: "Resource",
      },
    ]);
  });

  test("with a resourceTemplate: the rendered object as is (namespace forced), no Deployment", () => {
    const worker = makeWorker("fm");
    const object = {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { labels: { team: "data" }, name: "fm", namespace: "elsewhere" },
      spec: {
        selector: { matchLabels: { app: "fm" } },
        serviceName: "fm",
        template: {
          metadata: { labels: { app: "fm" } },
          spec: { containers: [{ image: "fm:1", name: "fm" }] },
        },
      },
    };
    const r = makeRunnable(worker, { configFiles: { "fm.yaml": "a: 1" }, resourceObject: object });
    const { objects } = compile([r], [worker]);
    expect(kinds(objects)).toEqual(["ConfigMap", "Namespace", "ServiceAccount", "StatefulSet"]);
    const emitted = one(objects, "StatefulSet");
    expect(emitted.spec).toEqual(object.spec);
    expect(emitted.metadata.namespace).toBe("sandbox");
    expect(emitted.metadata.labels).toMatchObject({
      "app.kubernetes.io/managed-by": "stackyard",
      team: "data",
    });
  });
});
