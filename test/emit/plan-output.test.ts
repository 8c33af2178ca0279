import { describe, expect, it } from "vitest";
import { planOutput } from "../../src/emit/layout/plan-output.js";
import type { EmitObject } from "../../src/emit/types.js";

function obj(
  kind: string,
  name: string,
  where: Partial<Pick<EmitObject, "cluster" | "workspace" | "unit">> = {},
  line = 1,
): EmitObject {
  const workspace = where.workspace ?? "public";
  return {
    cluster: where.cluster ?? "default",
    workspace,
    unit: where.unit ?? "service-orders-api",
    object: {
      apiVersion: "v1",
      kind,
      metadata: workspace === "" ? { name } : { name, namespace: workspace },
    },
    source: {
      resourceId: `service:v1:orders-api:${workspace}`,
      file: "resources/orders.yaml",
      line,
    },
  };
}

const kustomization = (...resources: string[]): string =>
  [
    "apiVersion: kustomize.config.k8s.io/v1beta1",
    "kind: Kustomization",
    "resources:",
    ...resources.map((r) => `  - ${r}`),
    "",
  ].join("\n");

describe("planOutput", () => {
  it("lays out clusters, workspaces, units and cluster-scoped objects with a kustomization per folder", () => {
    const plan = planOutput([
      obj("Service", "orders-api"),
      obj("Deployment", "orders-api-d"),
      obj("Namespace", "public", { unit: "" }),
      obj("ClusterRole", "reader", { workspace: "", unit: "" }),
      obj("ConfigMap", "job", { workspace: "analytics", unit: "workflow-daily" }),
    ]);
    expect(plan.conflicts).toEqual([]);
    expect(Object.fromEntries(plan.files.map((f) => [f.path, f.content]))).toEqual({
      "default/_cluster/clusterrole-reader.yaml":
        "apiVersion: v1\nkind: ClusterRole\nmetadata:\n  name: reader\n",
      "default/_cluster/kustomization.yaml": kustomization("clusterrole-reader.yaml"),
      "default/analytics/kustomization.yaml": kustomization("workflow-daily"),
      "default/analytics/workflow-daily/configmap-job.yaml":
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: job\n  namespace: analytics\n",
      "default/analytics/workflow-daily/kustomization.yaml": kustomization("configmap-job.yaml"),
      "default/kustomization.yaml": kustomization("_cluster", "analytics", "public"),
      "default/public/kustomization.yaml": kustomization(
        "namespace-public.yaml",
        "service-orders-api",
      ),
      "default/public/namespace-public.yaml":
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: public\n  namespace: public\n",
      "default/public/service-orders-api/deployment-orders-api-d.yaml":
        "apiVersion: v1\nkind: Deployment\nmetadata:\n  name: orders-api-d\n  namespace: public\n",
      "default/public/service-orders-api/kustomization.yaml": kustomization(
        "deployment-orders-api-d.yaml",
        "service-orders-api.yaml",
      ),
      "default/public/service-orders-api/service-orders-api.yaml":
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: orders-api\n  namespace: public\n",
    });
    expect(plan.files.map((f) => f.path)).toEqual([...plan.files.map((f) => f.path)].sort());
  });

  it("records the source of object files and none for kustomizations", () => {
    const plan = planOutput([obj("Service", "a", {}, 7)]);
    const byPath = new Map(plan.files.map((f) => [f.path, f]));
    expect(byPath.get("default/public/service-orders-api/service-a.yaml")?.source).toEqual({
      resourceId: "service:v1:orders-api:public",
      file: "resources/orders.yaml",
      line: 7,
    });
    expect(byPath.get("default/kustomization.yaml")?.source).toBeUndefined();
  });

  it("sanitizes every path segment so nothing escapes or hides", () => {
    const plan = planOutput([
      obj("ClusterRole", "system:Aggregate/../x", { cluster: "../Prod", workspace: "", unit: "" }),
      obj("ConfigMap", "a", { cluster: "/abs", workspace: ".hidden", unit: "x.yaml" }),
    ]);
    const paths = plan.files.map((f) => f.path);
    expect(paths).toContain("-.-prod/_cluster/clusterrole-system-aggregate-..-x.yaml");
    expect(paths).toContain("-abs/-hidden/x-yaml/configmap-a.yaml");
    for (const p of paths) {
      expect(
        p.split("/").every((part) => part !== ".." && part !== "." && /^[a-z0-9._-]+$/.test(part)),
      ).toBe(true);
    }
  });

  it("shortens over-long names with a stable hash", () => {
    const long = "n".repeat(300);
    const [file] = planOutput([obj("ConfigMap", long, { unit: "" })]).files.filter((f) =>
      f.path.includes("configmap"),
    );
    const name = file?.path.split("/").pop() ?? "";
    expect(name.length).toBeLessThanOrEqual(205);
    expect(name).toMatch(/^configmap-n+-[0-9a-f]{10}\.yaml$/);
    expect(planOutput([obj("ConfigMap", long, { unit: "" })]).files).toEqual(
      planOutput([obj("ConfigMap", long, { unit: "" })]).files,
    );
  });

  it("reports two objects on one path as a conflict, independent of input order", () => {
    const first = obj("ConfigMap", "Settings", {}, 3);
    const second = obj("ConfigMap", "settings", {}, 9);
    const forward = planOutput([first, second]);
    const backward = planOutput([second, first]);
    expect(forward.conflicts).toEqual([
      { path: "default/public/service-orders-api/configmap-settings.yaml", a: first, b: second },
    ]);
    expect(backward).toEqual(forward);
    expect(forward.files.filter((f) => f.path.endsWith("configmap-settings.yaml"))).toHaveLength(1);
  });

  it("is deterministic under shuffled input", () => {
    const objects = [
      obj("Service", "a"),
      obj("Service", "b", { workspace: "w2" }),
      obj("Namespace", "w2", { workspace: "w2", unit: "" }),
      obj("Deployment", "c", { cluster: "east" }),
    ];
    expect(planOutput([...objects].reverse())).toEqual(planOutput(objects));
  });
});
