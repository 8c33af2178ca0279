import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { requireBundle, runStackyard } from "../cli/run-stackyard.js";
import { exampleConfig, tempRepo, type TempRepo } from "../gitops/helpers.js";

requireBundle();
let repo: TempRepo | undefined;
afterEach(async () => repo?.dispose());

/** A workflow step's object whose namespace the stackSpec picks. */
const FILES = {
  "resources/stacks/job.yaml": `name: job-v1
version: v1alpha
type: stack
stack:
  name: job
  version: "1.0"
  image: {registry: docker.io, repository: library, image: busybox, tag: "1.36"}
  command: [sh, -c]
  stackSpecValueSchema:
    jsonSchema: |
      {"type": "object", "properties": {"target": {"type": "string"}}}
  workflowJobConfig:
    resourceTemplateConfig:
      successCondition: status.succeeded > 0
      resourceTemplate: |
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: {{ .Name }}-run
          namespace: {{ .ApplicationSpec.StackSpec.target }}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: main, image: busybox}]
`,
  "resources/wf.yaml": `name: nightly
version: v1
type: workflow
workspace: etl
workflow:
  dag:
    - name: load
      spec:
        stack: job:1.0
        compute: runnable-default
        stackSpec: {target: kube-system}
`,
};

it("warns at a template's computed namespace: line that the workspace replaces it", async () => {
  repo = await tempRepo(exampleConfig(""), FILES);
  const run = await runStackyard(["build"], { cwd: repo.dir });
  expect(run.code).toBe(0);
  expect(run.stderr).toContain(
    [
      "resources/stacks/job.yaml:20:11 warning TEMPLATE_NAMESPACE_REPLACED resourceTemplate rendered Job load-run in namespace kube-system, which the build replaces with etl: a stack's objects are created in the workspace (the namespace) of the resource that uses the stack",
      "  20 |           namespace: {{ .ApplicationSpec.StackSpec.target }}",
      "     |           ^",
      "  = hint: remove `namespace:` from the template, or render `namespace: {{ .Workspace }}`; an object for another namespace belongs to a resource of that workspace",
      "  = note: resources/wf.yaml:9:16 while rendering workflow load (workspace etl)",
    ].join("\n"),
  );
  const folder = path.join(repo.dir, "out/default/etl/workflow-nightly");
  const file = (await readdir(folder)).find((f) => f.startsWith("workflow-nightly"));
  const workflow = await readFile(path.join(folder, file!), "utf8");
  expect(workflow).toContain("            namespace: etl\n");
  expect(workflow).not.toContain("kube-system");
});

it("does not warn for a namespace equal to the workspace", async () => {
  repo = await tempRepo(exampleConfig(""), {
    ...FILES,
    "resources/wf.yaml": FILES["resources/wf.yaml"].replace("kube-system", "etl"),
  });
  const run = await runStackyard(["build"], { cwd: repo.dir });
  expect(run.code).toBe(0);
  expect(run.stderr).not.toContain("TEMPLATE_NAMESPACE_REPLACED");
});
