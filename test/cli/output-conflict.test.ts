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

/**
 * A stack whose extra objects clash both ways: `-extra` and `-Extra` are two objects for one
 * file; `-same` twice is one object made twice (one file too, reported once, as made twice);
 * `-Same` shares that file.
 */
const TWIN_STACK = `name: twin-v1
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
      - {apiVersion: v1, kind: ConfigMap, metadata: {name: "{{ .Name }}-same"}, data: {a: "1"}}
      - {apiVersion: v1, kind: ConfigMap, metadata: {name: "{{ .Name }}-same"}, data: {a: "2"}}
      - {apiVersion: v1, kind: ConfigMap, metadata: {name: "{{ .Name }}-Same"}, data: {a: "3"}}
`;

const WEB = `# web
name: web
version: v1
type: service
workspace: shop
service:
  servicePort: 8080
  stack: twin
  compute: runnable-default
`;

const TWO_CLUSTERS = `clusters:
  - {name: prod, engine: argocd, repoURL: https://git.example.internal/x.git, branch: main, workspaces: all}
  - {name: edge, engine: flux, repoURL: https://git.example.internal/x.git, branch: main, workspaces: [shop]}
`;

describe("OUTPUT_CONFLICT", () => {
  it.each([
    { command: ["build"], clusters: false, folders: ["default"] },
    { command: ["validate"], clusters: false, folders: ["default"] },
    { command: ["build"], clusters: true, folders: ["edge", "prod"] },
    { command: ["build", "--cluster", "edge"], clusters: true, folders: ["edge"] },
  ])(
    "objects made twice and objects for one file are reported in one run: $command, clusters: $clusters",
    async ({ command, clusters, folders }) => {
      repo = await makeTempDir("output-conflict");
      await writeEntries(repo, {
        "stackyard.yaml": `roots: [resources]\nstamp: none\n${clusters ? TWO_CLUSTERS : ""}`,
        "resources/config/job.toml": "rows = 1\n",
        "resources/a.yaml": workflow("wf-a"),
        "resources/b.yaml": workflow("wf-b"),
        "resources/stack.yaml": TWIN_STACK,
        "resources/web.yaml": WEB,
      });
      const run = await runStackyard(command, { cwd: repo });
      expect(run.code).toBe(1);
      const conflicts = run.stderr.split("\n").filter((l) => l.includes("OUTPUT_CONFLICT"));
      const file = (folder: string, name: string) =>
        `${folder}/shop/service-web/configmap-web-${name}.yaml`;
      expect(conflicts).toEqual([
        "resources/b.yaml:2:7 error OUTPUT_CONFLICT ConfigMap ingest-workflow in namespace etl is made twice: by workflow:v1:wf-a:etl (resources/a.yaml:2) and by workflow:v1:wf-b:etl",
        ...folders.map(
          (f) =>
            `resources/web.yaml:2:7 error OUTPUT_CONFLICT ConfigMap web-extra from service:v1:web:shop would be written to ${file(f, "extra")}, as would ConfigMap web-Extra from service:v1:web:shop`,
        ),
        // web-same is made twice: one object for the file, beside web-Same.
        ...folders.map(
          (f) =>
            `resources/web.yaml:2:7 error OUTPUT_CONFLICT ConfigMap web-same from service:v1:web:shop would be written to ${file(f, "same")}, as would ConfigMap web-Same from service:v1:web:shop`,
        ),
        "resources/web.yaml:2:7 error OUTPUT_CONFLICT ConfigMap web-same in namespace shop is made twice: by service:v1:web:shop (resources/web.yaml:2) and by service:v1:web:shop",
      ]);
      expect(run.stderr).toMatch(/^\d+ errors$/m);
    },
  );

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
