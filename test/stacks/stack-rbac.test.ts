import { describe, expect, it } from "vitest";
import { buildTempRepo, exampleRepo, resourceStepObjects } from "./build-temp-repo.js";

const byKindAndName = (objects: Array<Record<string, any>>, kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);

describe("dataos-ctl's Role in its workspace", () => {
  it("reads the namespace, manages the manifest's kinds and binds to the workflow's account", async () => {
    const files = await exampleRepo();
    files["resources/ctl.yaml"] = `name: ctl
version: v1
type: workflow
workspace: tools
workflow:
  dag:
    - name: publish
      spec:
        stack: dataos-ctl
        compute: runnable-default
        stackSpec:
          arguments: [apply, -f, /etc/dataos/config/manifest.yaml]
          manifest:
            apiVersion: v1
            kind: List
            items:
              - {apiVersion: networking.k8s.io/v1, kind: Ingress, metadata: {name: a}}
              - {apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: b}}
              - {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}
          permissions:
            - {apiGroups: [""], resources: [secrets], resourceNames: [report-token], verbs: [get]}
`;
    const built = await buildTempRepo(files);
    expect(built.errors).toBe("");
    const role = byKindAndName(built.objects, "Role", "publish-kubectl")!;
    expect(role.metadata.namespace).toBe("tools");
    const writes = role.rules.filter((r: any) => r.verbs.includes("create"));
    expect(writes.map((r: any) => [r.apiGroups, r.resources])).toEqual([
      [[""], ["configmaps"]],
      [["networking.k8s.io"], ["ingresses", "networkpolicies"]],
    ]);
    expect(role.rules.at(-1)).toEqual({
      apiGroups: [""],
      resources: ["secrets"],
      resourceNames: ["report-token"],
      verbs: ["get"],
    });
    expect(role.rules.some((r: any) => r.resources.includes("secrets") && !r.resourceNames)).toBe(
      false,
    );
    const binding = byKindAndName(built.objects, "RoleBinding", "publish-kubectl")!;
    expect(binding.subjects).toEqual([
      { kind: "ServiceAccount", name: "ctl-sa", namespace: "tools" },
    ]);
    expect(byKindAndName(built.objects, "ServiceAccount", "ctl-sa")).toBeDefined();
  });

  it("refuses a permission verb that would let kubectl escalate", async () => {
    const files = await exampleRepo();
    files["resources/ctl.yaml"] =
      "name: ctl\nversion: v1\ntype: workflow\nworkflow:\n  dag:\n    - name: p\n      spec:\n        stack: dataos-ctl\n        compute: runnable-default\n        stackSpec:\n          arguments: [get, pods]\n          permissions: [{apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [escalate]}]\n";
    expect((await buildTempRepo(files)).errors).toMatch(/STACKSPEC_INVALID/);
  });
});

describe("flare's driver account", () => {
  it("runs each driver as its own ServiceAccount, allowed to manage its executors only", async () => {
    const built = await buildTempRepo(await exampleRepo("flare.yaml"));
    expect(built.errors).toBe("");
    const app = resourceStepObjects(built).find((a) => a.metadata.name.startsWith("clean-orders"))!;
    expect(app.spec.driver.serviceAccount).toBe("clean-orders-spark");
    const account = byKindAndName(built.objects, "ServiceAccount", "clean-orders-spark")!;
    expect(account.automountServiceAccountToken).toBe(true);
    const role = byKindAndName(built.objects, "Role", "clean-orders-spark")!;
    expect(role.rules).toEqual([
      {
        apiGroups: [""],
        resources: ["configmaps", "persistentvolumeclaims", "pods", "services"],
        verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
      },
    ]);
    const binding = byKindAndName(built.objects, "RoleBinding", "clean-orders-spark")!;
    expect(binding.roleRef.name).toBe("clean-orders-spark");
    expect(binding.subjects).toEqual([
      { kind: "ServiceAccount", name: "clean-orders-spark", namespace: "examples" },
    ]);
  });
});
