import { describe, expect, it } from "vitest";
import {
  loadAllSchemas,
  loadedModel,
  loadSchemas,
  MODEL_LOADERS,
} from "../../src/check/k8s/models.js";
import { schemaProblems } from "../../src/check/k8s/validate-object.js";

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "d" },
  spec: {
    selector: { matchLabels: { app: "d" } },
    template: {
      metadata: { labels: { app: "d" } },
      spec: { containers: [{ name: "main", image: "busybox", imagePullPolicy: "Always" }] },
    },
  },
};

// One file, in order: the module state (which models are loaded) carries from test to test.
describe("Kubernetes model loaders", () => {
  it("refuse to validate a kind whose model is not loaded (a missing loadSchemas is a bug)", () => {
    expect(() => schemaProblems(deployment)).toThrow(/not loaded/);
  });

  it("load only the kinds of the given objects", async () => {
    await loadSchemas([deployment, { apiVersion: "example.com/v1", kind: "Thing" }]);
    expect(loadedModel("apps/v1/Deployment")).toBeDefined();
    expect(loadedModel("v1/Service")).toBeUndefined();
    expect(schemaProblems(deployment)).toEqual([]);
    const misspelled = { ...deployment, spec: { ...deployment.spec, replica: 2 } };
    expect(schemaProblems(misspelled)).toEqual([
      { kind: "unknown-field", path: ["spec", "replica"], message: "replica is not a known field" },
    ]);
  });

  it("each load a model class with a validate method", async () => {
    await loadAllSchemas();
    for (const key of Object.keys(MODEL_LOADERS))
      expect(typeof loadedModel(key)?.prototype.validate, key).toBe("function");
  });
});
