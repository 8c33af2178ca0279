import { describe, expect, it } from "vitest";
import { unknownCoreKind } from "../../src/check/k8s/core-kind.js";
import { CORE_KINDS } from "../../src/check/k8s/core-kinds.js";
// @ts-expect-error: a plain .mjs script, without types
import { coreKinds } from "../../scripts/gen-core-kinds.mjs";

describe("kinds kube-apiserver serves", () => {
  it("are the kinds of the kubernetes-models package (node scripts/gen-core-kinds.mjs)", () => {
    expect(CORE_KINDS).toEqual(coreKinds());
  });

  it("tell a typo in a core group from a custom resource", () => {
    expect(unknownCoreKind("v1", "ConfigMap")).toBeUndefined();
    expect(unknownCoreKind("rbac.authorization.k8s.io/v1", "ClusterRoleBinding")).toBeUndefined();
    expect(unknownCoreKind("example.com/v1", "Widget")).toBeUndefined();
    expect(unknownCoreKind("gateway.networking.k8s.io/v1", "HTTPRoute")).toBeUndefined();
    expect(unknownCoreKind("v1", "ConfigMapp")?.hint).toBe("did you mean ConfigMap?");
    expect(unknownCoreKind("batch/v1", "CronJobb")?.hint).toBe("did you mean CronJob?");
    expect(unknownCoreKind("batch/v2", "Job")?.hint).toBe(
      "write apiVersion: batch/v1, the version that serves Job",
    );
    expect(unknownCoreKind("v1", "Zebra")?.hint).toMatch(
      /^write one of the kinds of v1: Binding, /,
    );
  });
});
