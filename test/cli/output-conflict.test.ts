import { afterEach, describe, expect, it } from "vitest";
import { makeTempDir, removeDir, writeEntries } from "../robustness/temp-repo.js";
import { requireBundle, runStackyard } from "./run-stackyard.js";

requireBundle();

let repo: string | undefined;
afterEach(async () => {
  if (repo !== undefined) await removeDir(repo);
  repo = undefined;
});

/** A workflow whose job `ingest` has a config file: its ConfigMap is `ingest-workflow`. */
function workflow(name: string): string {
  return `# ${name}
name: ${name}
version: v1
type: workflow
workspace: etl
workflow:
  dag:
    - name: ingest
      spec:
        stack: container
        compute: runnable-default
        configs: {job.toml: config/job.toml}
        stackSpec:
          image: ghcr.io/acme/ingest:1.0.0
`;
}

describe("OUTPUT_CONFLICT", () => {
  it("reports every resource of a clash at its name:, naming all the others", async () => {
    repo = await makeTempDir("output-conflict");
    await writeEntries(repo, {
      "stackyard.yaml": "roots: [resources]\nstamp: none\n",
      "resources/config/job.toml": "rows = 1\n",
      "resources/a.yaml": workflow("wf-a"),
      "resources/b.yaml": workflow("wf-b"),
      "resources/c.yaml": workflow("wf-c"),
    });
    const run = await runStackyard(["build"], { cwd: repo });
    expect(run.code).toBe(1);
    const conflicts = run.stderr.split("\n").filter((l) => l.includes("OUTPUT_CONFLICT"));
    expect(conflicts).toEqual([
      "resources/b.yaml:2:7 error OUTPUT_CONFLICT ConfigMap ingest-workflow in namespace etl is made 3 times: by workflow:v1:wf-a:etl (resources/a.yaml:2), by workflow:v1:wf-b:etl and by workflow:v1:wf-c:etl (resources/c.yaml:2)",
      "resources/c.yaml:2:7 error OUTPUT_CONFLICT ConfigMap ingest-workflow in namespace etl is made 3 times: by workflow:v1:wf-a:etl (resources/a.yaml:2), by workflow:v1:wf-b:etl (resources/b.yaml:2) and by workflow:v1:wf-c:etl",
    ]);
    expect(run.stderr).toContain("= hint: rename all but one of the jobs or resources");
    expect(run.stderr).toContain("= note: resources/a.yaml:2:7 workflow:v1:wf-a:etl also makes it");
  });

  it("of two objects of one resource on one file is at the resource's name:", async () => {
    repo = await makeTempDir("output-conflict");
    await writeEntries(repo, {
      "stackyard.yaml": "roots: [resources]\n",
      "resources/stack.yaml": `name: twin-v1
version: v1alpha
type: stack
stack:
  name: twin
  version: "1.0"
  reconciler: stackManager
  image: {registry: docker.io, repository: library, image: busybox, tag: "1.36"}
  serviceConfig:
    extraResourcesTemplate: |
      - {apiVersion: v1, kind: ConfigMap, metadata: {name: "{{ .Name }}-extra"}, data: {a: "1"}}
      - {apiVersion: v1, kind: ConfigMap, metadata: {name: "{{ .Name }}-Extra"}, data: {a: "1"}}
`,
      "resources/web.yaml": `# web
name: web
version: v1
type: service
workspace: shop
service:
  servicePort: 8080
  stack: twin
  compute: runnable-default
`,
    });
    const run = await runStackyard(["build"], { cwd: repo });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^resources\/web\.yaml:2:7 error OUTPUT_CONFLICT ConfigMap web-\w+ from service:v1:web:shop would be written to default\/shop\/service-web\/configmap-web-extra\.yaml, as would ConfigMap web-\w+ from service:v1:web:shop$/m,
    );
    expect(run.stderr).toContain("give the objects names that stay apart");
    expect(run.stderr).not.toContain("rename one of the resources");
  });
});
