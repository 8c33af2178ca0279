import { describe, expect, it } from "vitest";
import { requireBundle, runStackyard } from "./run-stackyard.js";
import { serviceOnStackRepos } from "./stack-template-repo.js";

requireBundle();

/** A repository of one service on a stack whose serviceConfig holds `templates`. */
const repoWith = serviceOnStackRepos("template-output-kinds");
let repo: string;

describe("a kind kube-apiserver does not serve", () => {
  it("in a core group is an error at the template's kind: line, with a did-you-mean", async () => {
    repo = await repoWith(`    resourceTemplate: |
      apiVersion: v1
      kind: ConfigMapp
      metadata:
        name: {{ .Name }}-settings
      data: {a: "1"}
`);
    const run = await runStackyard(["build"], { cwd: repo });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "resources/stack.yaml:11:7 error OUTPUT_SCHEMA_INVALID ConfigMapp web-settings: v1 has no kind ConfigMapp: the core group (apiVersion: v1) is served by kube-apiserver itself, so no CRD can add one",
    );
    expect(run.stderr).toContain("= hint: did you mean ConfigMap?");
  });

  it("is found at the line of its own object among several, and in apps/v2", async () => {
    repo = await repoWith(`    extraResourcesTemplate: |
      - apiVersion: v1
        kind: ConfigMap
        metadata: {name: "{{ .Name }}-a"}
      - apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBindng
        metadata: {name: "{{ .Name }}-b"}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
      - apiVersion: apps/v2
        kind: Deployment
        metadata: {name: "{{ .Name }}-c"}
`);
    const run = await runStackyard(["build"], { cwd: repo });
    expect(run.code).toBe(1);
    const errors = run.stderr.split("\n").filter((l) => l.includes(" error "));
    expect(errors).toEqual([
      "resources/stack.yaml:14:9 error OUTPUT_SCHEMA_INVALID ClusterRoleBindng web-b: rbac.authorization.k8s.io/v1 has no kind ClusterRoleBindng: the rbac.authorization.k8s.io group is served by kube-apiserver itself, so no CRD can add one",
      "resources/stack.yaml:18:9 error OUTPUT_SCHEMA_INVALID Deployment web-c: kube-apiserver serves no apps/v2: the apps group is its own, so no CRD can add a version or kind to it",
    ]);
    expect(run.stderr).toContain("= hint: did you mean ClusterRoleBinding?");
    expect(run.stderr).toContain(
      "= hint: write apiVersion: apps/v1, the version that serves Deployment",
    );
  });

  it("of a custom resource's group stays unvalidated, silently (a warning under --strict)", async () => {
    repo = await repoWith(`    extraResourcesTemplate: |
      - apiVersion: example.com/v1
        kind: Widget
        metadata: {name: "{{ .Name }}-w"}
      - apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: "{{ .Name }}-g"}
`);
    // Not strict: CI=true (as in CI itself) turns --strict on.
    const run = await runStackyard(["build"], { cwd: repo, env: { CI: "false" } });
    expect(run.stderr).not.toContain("OUTPUT_SCHEMA_INVALID");
    expect(run.code).toBe(0);
    const strict = await runStackyard(["check", "--strict"], { cwd: repo });
    expect(strict.stderr).toContain(
      "warning OUTPUT_SCHEMA_INVALID Widget web-w: stackyard has no schema",
    );
    expect(strict.stderr).not.toContain(" error ");
  });
});
