import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { compileMemoryRepo } from "../robustness/memory-repo.js";

/** Each diagnostic as `file:line code`, for comparing whole runs. */
function summary(files: Map<string, string>, diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const text = files.get(d.file ?? "") ?? "";
    const line = text.slice(0, d.range?.start ?? 0).split("\n").length;
    return `${d.file}:${line} ${d.code}`;
  });
}

async function run(files: Map<string, string>): Promise<string[]> {
  const built = await compileMemoryRepo(files);
  expect(built.files).toEqual([]);
  return summary(files, built.diagnostics);
}

describe("a runnable whose envelope has errors still has its stack checked", () => {
  it("reports a typo in the section together with an unknown stack, a refused stackSpec and an unknown compute", async () => {
    const files = new Map([
      [
        "resources/a.yaml",
        `name: alpha
version: v1
type: service
service:
  replicaz: 2
  stack: nosuchstack
  compute: runnable-default
`,
      ],
      [
        "resources/b.yaml",
        `name: beta
version: v1
type: worker
worker:
  replicas: many
  stack: container
  compute: runnable-defualt
  stackSpec:
    imag: nginx
`,
      ],
      [
        "resources/c.yaml",
        `name: gamma
version: v1
type: service
service:
  replicas: 1
  stack: container:9.9
  compute: runnable-default
  stackSpec: {image: nginx}
  ports: "80"
`,
      ],
    ]);
    expect(await run(files)).toEqual([
      "resources/a.yaml:5 UNKNOWN_FIELD",
      "resources/a.yaml:6 UNKNOWN_STACK",
      "resources/b.yaml:5 WRONG_TYPE",
      "resources/b.yaml:7 UNKNOWN_COMPUTE",
      "resources/b.yaml:8 STACKSPEC_INVALID",
      "resources/b.yaml:9 STACKSPEC_INVALID",
      "resources/c.yaml:6 UNKNOWN_STACK_VERSION",
      "resources/c.yaml:9 UNKNOWN_FIELD",
    ]);
  });

  it("checks every job of a workflow whose envelope or DAG has errors", async () => {
    const files = new Map([
      [
        "resources/wf.yaml",
        `name: nightly
version: v1
type: workflow
workflow:
  schedul: {cron: "0 2 * * *"}
  dag:
    - name: extract
      spec:
        stack: container
        compute: runnable-default
        stackSpec: {imag: busybox}
    - name: load
      spec:
        stack: flare:99
        compute: runnable-default
      dependencies: [extract]
`,
      ],
      [
        "resources/parts.yaml",
        `name: parts
version: v1
type: workflow
workflow:
  dag:
    - name: one
      spec:
        stack: container
        compute: runnable-default
        stackSpec: {image: busybox, colour: red}
    - name: two
      file: missing/job.yaml
      dependencies: [one]
`,
      ],
    ]);
    const found = await run(files);
    expect(found).toContain("resources/wf.yaml:5 UNKNOWN_FIELD");
    expect(found).toContain("resources/wf.yaml:11 STACKSPEC_INVALID");
    expect(found).toContain("resources/wf.yaml:14 UNKNOWN_STACK_VERSION");
    expect(found.filter((f) => f.startsWith("resources/parts.yaml"))).toEqual([
      "resources/parts.yaml:10 STACKSPEC_INVALID",
      "resources/parts.yaml:12 INCLUDE_NOT_FOUND",
    ]);
  });

  it("does not report a field twice: a stack or stackSpec of the wrong type is the envelope's error alone", async () => {
    const files = new Map([
      [
        "resources/a.yaml",
        `name: alpha
version: v1
type: service
service:
  replicaz: 2
  stack: [container]
  compute: runnable-default
  stackSpec: {image: nginx}
`,
      ],
      [
        "resources/b.yaml",
        `name: beta
version: v1
type: service
service:
  replicaz: 2
  stack: container
  compute: 5
  stackSpec: [image, nginx]
`,
      ],
    ]);
    expect(await run(files)).toEqual([
      "resources/a.yaml:5 UNKNOWN_FIELD",
      "resources/a.yaml:6 WRONG_TYPE",
      "resources/b.yaml:5 UNKNOWN_FIELD",
      "resources/b.yaml:7 WRONG_TYPE",
      "resources/b.yaml:8 WRONG_TYPE",
    ]);
  });

  it("reports each mistake once, whichever way the document failed", async () => {
    const valid = `name: alpha
version: v1
type: service
service:
  replicas: 1
  stack: nosuchstack
  compute: runnable-default
  stackSpec: {image: nginx}
`;
    const invalid = valid.replace("replicas: 1", "replicas: 1\n  replicaz: 1");
    const a = await run(new Map([["resources/a.yaml", valid]]));
    const b = await run(new Map([["resources/a.yaml", invalid]]));
    expect(a).toEqual(["resources/a.yaml:6 UNKNOWN_STACK"]);
    expect(b).toEqual(["resources/a.yaml:6 UNKNOWN_FIELD", "resources/a.yaml:7 UNKNOWN_STACK"]);
  });
});

describe("errors in one file do not hide the checks of another", () => {
  it("reports a policy violation beside another file's unknown field, and writes nothing", async () => {
    const files = new Map([
      [
        "resources/a.yaml",
        `name: alpha
version: v1
type: service
service:
  replicaz: 2
  stack: container
  compute: runnable-default
  stackSpec: {image: "nginx:1.25"}
`,
      ],
      [
        "resources/b.yaml",
        `name: beta
version: v1
type: worker
worker:
  stack: container
  compute: runnable-default
  stackSpec: {image: "nginx:latest"}
`,
      ],
    ]);
    const built = await compileMemoryRepo(files);
    expect(built.files).toEqual([]);
    expect(summary(files, built.diagnostics)).toEqual([
      "resources/a.yaml:5 UNKNOWN_FIELD",
      "resources/b.yaml:7 POLICY_VIOLATION",
    ]);
  });
});
