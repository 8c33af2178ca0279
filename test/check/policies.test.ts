import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POLICIES } from "../../src/check/index.js";
import { parseImage } from "../../src/check/policies/image-reference.js";
import { podSecurity } from "../../src/check/policies/pod-security.js";
import { DEFAULT_CONFIG } from "../../src/config/types.js";
import type { K8sObject } from "../../src/render/types.js";

const POLICY_DIR = path.join(import.meta.dirname, "../../src/check/policies");
const FIXTURES = path.join(import.meta.dirname, "../fixtures/cases");
const HELPERS = new Set(["index.ts", "policy.ts", "image-reference.ts", "images.ts"]);

describe("the policy registry", () => {
  it("registers every policy module, under its own id", () => {
    const modules = readdirSync(POLICY_DIR)
      .filter((f) => !HELPERS.has(f))
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    expect(Object.keys(POLICIES).sort()).toEqual(modules);
    for (const [id, policy] of Object.entries(POLICIES)) expect(policy.id).toBe(id);
  });

  it("has a passing and a failing golden fixture for every policy", () => {
    const cases = new Set(readdirSync(FIXTURES));
    for (const id of Object.keys(POLICIES)) {
      expect(cases.has(`policy-${id}-pass`), id).toBe(true);
      expect(cases.has(`policy-${id}-fail`), id).toBe(true);
    }
  });
});

describe("image references", () => {
  it.each([
    ["busybox", "docker.io/library/busybox", undefined, undefined],
    ["acme/app:1.2", "docker.io/acme/app", "1.2", undefined],
    ["ghcr.io/acme/app:1.2", "ghcr.io/acme/app", "1.2", undefined],
    ["localhost:5000/app", "localhost:5000/app", undefined, undefined],
    ["ghcr.io/acme/app@sha256:abc", "ghcr.io/acme/app", undefined, "sha256:abc"],
  ])("%s", (image, repository, tag, digest) => {
    const ref = parseImage(image);
    expect(ref.repository).toBe(repository);
    expect(ref.tag).toBe(tag);
    expect(ref.digest).toBe(digest);
  });
});

const pod = (
  container: Record<string, unknown>,
  podLevel: Record<string, unknown> = {},
): K8sObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p" },
  spec: { ...podLevel, containers: [{ name: "c", image: "x:1", ...container }] },
});

const restrictedContext = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ["ALL"] },
  runAsNonRoot: true,
  seccompProfile: { type: "RuntimeDefault" },
};
const ctx = (profile: "restricted" | "baseline" | "privileged") => ({
  config: DEFAULT_CONFIG,
  profile,
});

describe("pod-security, control by control", () => {
  it("accepts a pod that meets restricted", () => {
    expect(
      podSecurity.check(pod({ securityContext: restrictedContext }), ctx("restricted")),
    ).toEqual([]);
  });

  it("accepts pod-level runAsNonRoot and seccomp for every container", () => {
    const { runAsNonRoot: _a, seccompProfile: _b, ...container } = restrictedContext;
    const p = pod(
      { securityContext: container },
      { securityContext: { runAsNonRoot: true, seccompProfile: { type: "Localhost" } } },
    );
    expect(podSecurity.check(p, ctx("restricted"))).toEqual([]);
  });

  it.each([
    ["allowPrivilegeEscalation", { ...restrictedContext, allowPrivilegeEscalation: true }],
    ["runAsNonRoot", { ...restrictedContext, runAsNonRoot: false }],
    ["runAsUser", { ...restrictedContext, runAsUser: 0 }],
    ["seccompProfile", { ...restrictedContext, seccompProfile: { type: "Unconfined" } }],
    ["capabilities.drop", { ...restrictedContext, capabilities: { drop: ["NET_RAW"] } }],
    ["capabilities.add", { ...restrictedContext, capabilities: { drop: ["ALL"], add: ["CHOWN"] } }],
    ["privileged", { ...restrictedContext, privileged: true }],
    ["procMount", { ...restrictedContext, procMount: "Unmasked" }],
  ])("reports %s at its path", (field, securityContext) => {
    const findings = podSecurity.check(pod({ securityContext }), ctx("restricted"));
    expect(findings.map((f) => f.path.join("."))).toContain(
      `spec.containers.0.securityContext.${field}`,
    );
  });

  it("refuses restricted-only volume types, and leaves hostPath to host-access", () => {
    const p = pod(
      { securityContext: restrictedContext },
      {
        volumes: [
          { name: "n", nfs: { server: "s", path: "/" } },
          { name: "h", hostPath: { path: "/" } },
        ],
      },
    );
    expect(podSecurity.check(p, ctx("restricted")).map((f) => f.path.join("."))).toEqual([
      "spec.volumes.0.nfs",
    ]);
  });

  it("checks only the baseline controls for a stack that opts into baseline, and nothing for privileged", () => {
    const p = pod({ securityContext: { capabilities: { add: ["CHOWN", "SYS_ADMIN"] } } });
    expect(podSecurity.check(p, ctx("baseline")).map((f) => f.message)).toEqual([
      "adds the capability SYS_ADMIN",
    ]);
    expect(podSecurity.check(p, ctx("privileged"))).toEqual([]);
  });

  it("finds the containers of Argo workflow templates, with the workflow's pod-level context", () => {
    const wf: K8sObject = {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Workflow",
      metadata: { name: "w" },
      spec: {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
        templates: [
          { name: "dag", dag: {} },
          {
            name: "j",
            container: {
              image: "x:1",
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
            },
          },
        ],
      },
    };
    expect(podSecurity.check(wf, ctx("restricted"))).toEqual([]);
    (wf.spec as any).templates[1].container.securityContext.allowPrivilegeEscalation = true;
    expect(podSecurity.check(wf, ctx("restricted")).map((f) => f.path.join("."))).toEqual([
      "spec.templates.1.container.securityContext.allowPrivilegeEscalation",
    ]);
  });
});
