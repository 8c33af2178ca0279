import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { requireBundle, runStackyard } from "../cli/run-stackyard.js";
import { exampleConfig, tempRepo, type TempRepo } from "./helpers.js";

requireBundle();
let repo: TempRepo | undefined;
afterEach(async () => repo?.dispose());

const CLUSTER = `clusters:
  - name: prod
    engine: argocd
    repoURL: https://example.com/x.git
`;

/** A stack whose Service renders a ClusterRoleBinding to cluster-admin; `extra` goes in `stack:`. */
function files(extra: string): Record<string, string> {
  return {
    "resources/stacks/echo.yaml": `name: echo-v1
version: v1alpha
type: stack
stack:
  name: echo
  version: "1.0"
${extra}  image: {registry: docker.io, repository: library, image: busybox, tag: "1.36"}
  command: [sh, -c]
  serviceConfig:
    resourceTemplate: |
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata:
        name: {{ .Name }}-admin
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
      subjects:
        - {kind: ServiceAccount, name: default, namespace: {{ .Workspace }}}
`,
    "resources/s.yaml": `name: svc
version: v1
type: service
workspace: public
service:
  servicePort: 8080
  stack: echo:1.0
  compute: runnable-default
`,
  };
}

it("refuses a cluster-scoped kind from a stack template at its kind: line, unless the stack lists it", async () => {
  repo = await tempRepo(exampleConfig(CLUSTER), files(""));
  const run = await runStackyard(["build"], { cwd: repo.dir });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(
    [
      "resources/stacks/echo.yaml:12:7 error TEMPLATE_OUTPUT_INVALID resourceTemplate rendered ClusterRoleBinding svc-admin, a cluster-scoped kind that the stack does not list in `clusterScopedKinds`",
      "  12 |       kind: ClusterRoleBinding",
      "     |       ^",
      "  = hint: render a namespaced kind (a RoleBinding, not a ClusterRoleBinding), or, if every resource using this stack may change the whole cluster, add `clusterScopedKinds: [ClusterRoleBinding]` to the stack",
      "  = note: resources/s.yaml:7:10 while rendering service svc (workspace public)",
    ].join("\n"),
  );
});

it("emits a listed cluster-scoped kind without a namespace, whitelisted as a cluster resource", async () => {
  repo = await tempRepo(
    exampleConfig(CLUSTER),
    files("  clusterScopedKinds: [ClusterRoleBinding]\n"),
  );
  const run = await runStackyard(["build"], { cwd: repo.dir });
  expect(run.stderr).not.toContain("error");
  expect(run.code).toBe(0);
  const read = async (rel: string) =>
    parseYaml(await readFile(path.join(repo!.dir, "out/prod", rel), "utf8"));
  const binding = await read("public/service-svc/clusterrolebinding-svc-admin.yaml");
  expect(binding.metadata.namespace).toBeUndefined();
  const project = await read("bootstrap/appproject-prod.yaml");
  expect(project.spec.clusterResourceWhitelist).toContainEqual({
    group: "rbac.authorization.k8s.io",
    kind: "ClusterRoleBinding",
  });
  expect(project.spec.namespaceResourceWhitelist).not.toContainEqual(
    expect.objectContaining({ kind: "ClusterRoleBinding" }),
  );
});

it("refuses a cluster-scoped kind the stack does not know, with the kinds it may list", async () => {
  repo = await tempRepo(exampleConfig(CLUSTER), files("  clusterScopedKinds: [Deployment]\n"));
  const run = await runStackyard(["build"], { cwd: repo.dir });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(
    'resources/stacks/echo.yaml:7:24 error INVALID_VALUE `stack.clusterScopedKinds[0]` is "Deployment", which is not allowed',
  );
});
