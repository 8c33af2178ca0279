import { describe, expect, test } from "vitest";
import type { DiffObject, ObjectChange } from "../../src/diff/index.js";
import { findRisks } from "../../src/diff/risks/index.js";

const source = { resourceId: "service:v1:web:apps", file: "resources/web.yaml", line: 1 };

function object(kind: string, body: Record<string, unknown>, apiVersion = "apps/v1"): DiffObject {
  const metadata = { name: "web", namespace: "apps" };
  return {
    key: kind,
    cluster: "default",
    apiVersion,
    kind,
    namespace: "apps",
    name: "web",
    path: "p",
    text: "",
    object: { apiVersion, kind, metadata, ...body },
    source,
  };
}

function changed(base: DiffObject | undefined, head: DiffObject | undefined): ObjectChange {
  const o = (head ?? base)!;
  const c: ObjectChange = {
    status: base === undefined ? "added" : head === undefined ? "removed" : "changed",
    cluster: o.cluster,
    apiVersion: o.apiVersion,
    kind: o.kind,
    namespace: o.namespace,
    name: o.name,
    hunks: [],
  };
  if (base !== undefined) c.base = base;
  if (head !== undefined) c.head = head;
  return c;
}

const pod = (container: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
  spec: {
    replicas: 2,
    template: {
      spec: { containers: [{ name: "main", image: "r/web:1.0", ...container }], ...spec },
    },
  },
});

describe("risk rules", () => {
  test("pod security: privileged, root, capabilities and host namespaces, only when new", () => {
    const safe = object("Deployment", pod({ securityContext: { runAsNonRoot: true } }));
    const weak = object(
      "Deployment",
      pod(
        {
          securityContext: {
            privileged: true,
            runAsNonRoot: false,
            capabilities: { add: ["NET_ADMIN"] },
          },
        },
        { hostNetwork: true },
      ),
    );
    const flags = findRisks([changed(safe, weak)]).map((f) => `${f.rule}: ${f.message}`);
    expect(flags).toEqual([
      "pod-security-weakened: Deployment apps/web runs privileged (spec.template.spec.containers[main].securityContext.privileged)",
      "pod-security-weakened: Deployment apps/web may run as root (runAsNonRoot: false) (spec.template.spec.containers[main].securityContext.runAsNonRoot)",
      "pod-security-weakened: Deployment apps/web adds capabilities NET_ADMIN (spec.template.spec.containers[main].securityContext.capabilities.add)",
      "pod-security-weakened: Deployment apps/web uses the host network (spec.template.spec.hostNetwork)",
    ]);
    expect(findRisks([changed(weak, weak)])).toEqual([]);
  });

  test("RBAC: new grants on a role and wildcards on a new Role, not an ordinary new Role", () => {
    const role = (rules: unknown[]) => object("Role", { rules }, "rbac.authorization.k8s.io/v1");
    const base = role([{ apiGroups: ["batch"], resources: ["jobs"], verbs: ["get"] }]);
    const wider = role([{ apiGroups: ["batch"], resources: ["jobs"], verbs: ["get", "delete"] }]);
    expect(findRisks([changed(base, wider)]).map((f) => f.message)).toEqual([
      "Role apps/web now grants delete batch/jobs",
    ]);
    expect(findRisks([changed(undefined, base)])).toEqual([]);
    expect(
      findRisks([
        changed(undefined, role([{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }])),
      ]).map((f) => f.rule),
    ).toEqual(["rbac-widened"]);
  });

  test("images: latest and untagged are flagged when they appear; digests and versions are not", () => {
    const image = (i: string) => object("Deployment", pod({ image: i }));
    const rules = (i: string) =>
      findRisks([changed(image("r/web:1.0"), image(i))]).map((f) => f.rule);
    expect(rules("r/web:latest")).toEqual(["unpinned-image"]);
    expect(rules("registry:5000/r/web")).toEqual(["unpinned-image"]);
    expect(rules("r/web:1.1")).toEqual([]);
    expect(rules("r/web@sha256:" + "a".repeat(64))).toEqual([]);
  });

  test("replicas to zero, and deletions of PVCs, namespaces and custom resources", () => {
    const zero = object("Deployment", { spec: { replicas: 0 } });
    expect(
      findRisks([changed(object("Deployment", { spec: { replicas: 3 } }), zero)]).map(
        (f) => f.message,
      ),
    ).toEqual(["Deployment apps/web is scaled to 0 replicas (was 3): it stops running"]);
    const removed = [
      object("PersistentVolumeClaim", {}, "v1"),
      object("Namespace", {}, "v1"),
      object("ExternalSecret", {}, "external-secrets.io/v1beta1"),
      object("ConfigMap", {}, "v1"),
    ];
    expect(findRisks(removed.map((o) => changed(o, undefined))).map((f) => f.rule)).toEqual([
      "pvc-deleted",
      "namespace-deleted",
      "custom-resource-deleted",
    ]);
  });

  test("schedules are told in words", () => {
    const cron = (s: string) =>
      object("CronWorkflow", { spec: { schedules: [s], timezone: "UTC" } }, "argoproj.io/v1alpha1");
    expect(
      findRisks([changed(cron("0 2 * * *"), cron("*/15 * * * *"))]).map((f) => f.message),
    ).toEqual([
      "CronWorkflow apps/web is rescheduled: 0 2 * * * — At 02:00 (UTC) → */15 * * * * — Every 15 minutes (UTC)",
    ]);
  });
});
