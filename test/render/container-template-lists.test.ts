// A containerResourceTemplate's `container` is merged into the default container; its lists
// (env, envFrom, volumeMounts) are merged by name or path. A value there that is not a list of
// mappings used to be dropped by the merge, without a word.
import { describe, expect, it } from "vitest";
import { compileMemoryRepo } from "../robustness/memory-repo.js";

const STACK = (container: string) => `name: echo-v1
version: v1alpha
type: stack
stack:
  name: echo
  version: "1.0"
  image: {registry: ghcr.io, repository: acme, image: echo, tag: 1.0.0}
  workerConfig:
    containerResourceTemplate: |
      container:
${container
  .split("\n")
  .map((line) => `        ${line}`)
  .join("\n")}
`;

const WORKER = `name: tool
version: v1beta
type: worker
workspace: shop
worker:
  stack: echo
  compute: runnable-default
  resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m, memory: 256Mi}}
  stackSpec: {}
`;

function compile(container: string) {
  return compileMemoryRepo(
    new Map([
      ["stacks/echo.yaml", STACK(container)],
      ["resources/tool.yaml", WORKER],
    ]),
  );
}

describe("containerResourceTemplate container lists", () => {
  it.each([
    ["env", "env: {A: b}"],
    ["env", "env: plain"],
    ["env", "env: [A=b]"],
    ["envFrom", "envFrom: x"],
    ["volumeMounts", "volumeMounts: {mountPath: /data}"],
  ])("refuses a %s that is not a list of mappings (%s)", async (key, container) => {
    const { diagnostics } = await compile(container);
    const errors = diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.code, d.message, d.file])).toEqual([
      [
        "TEMPLATE_OUTPUT_INVALID",
        `containerResourceTemplate rendered \`container.${key}\` that is not a list of mappings`,
        "stacks/echo.yaml",
      ],
    ]);
    // At the template, in the stack.
    const { start } = errors[0]!.range!;
    expect(STACK(container).slice(start)).toMatch(/^\|\n {6}container:/);
  });

  it("merges a list of mappings, and takes null as none", async () => {
    const ok = await compile("env:\n  - {name: A, value: b}\nvolumeMounts: null");
    expect(ok.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const deployment = ok.files.find((f) => f.path.includes("deployment-"));
    expect(deployment?.content).toContain("- name: A\n");
  });
});
