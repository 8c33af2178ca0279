import { describe, expect, it } from "vitest";
import { compileMemoryRepo } from "../robustness/memory-repo.js";

/** A workflow `name` whose dag has one job of its own (with `stack`) and then includes `files`. */
function workflow(name: string, stack: string, ...files: string[]): string {
  const includes = files.map((f, i) => `    - name: sub${i}\n      file: ${f}\n`).join("");
  return `name: ${name}
version: v1
type: workflow
workspace: shop
workflow:
  dag:
    - name: own
      spec:
        stack: ${stack}
        compute: runnable-default
        resources: {requests: {cpu: 100m, memory: 64Mi}}
        stackSpec: {image: "ghcr.io/acme/${name}:1.0.0"}
${includes}`;
}

const WORKER = `name: feed
version: v1beta
type: worker
workspace: shop
worker:
  stack: container
  compute: runnable-defualt
  resources: {requests: {cpu: 100m, memory: 64Mi}}
  stackSpec: {image: "ghcr.io/acme/feed:1.0.0"}
`;

const summary = (d: { code: string; file?: string }) => `${d.code} ${d.file}`;

describe("workflows that include each other (dag[].file)", () => {
  it("report the loop and their other errors, instead of vanishing from the build", async () => {
    const built = await compileMemoryRepo(
      new Map([
        ["resources/wa.yaml", workflow("wa", "container", "wb.yaml")],
        ["resources/wb.yaml", workflow("wb", "containr", "wa.yaml")],
      ]),
    );
    expect(built.diagnostics.map(summary)).toEqual([
      "DAG_CYCLE resources/wa.yaml",
      // Once, though wb.yaml is checked as a resource and as wa's part.
      "UNKNOWN_STACK resources/wb.yaml",
      "DAG_CYCLE resources/wb.yaml",
    ]);
    expect(built.files).toEqual([]);
  });

  it("a workflow that includes itself is a loop", async () => {
    const built = await compileMemoryRepo(
      new Map([["resources/c1.yaml", workflow("c1", "containr", "c1.yaml")]]),
    );
    expect(built.diagnostics.map(summary)).toEqual([
      "UNKNOWN_STACK resources/c1.yaml",
      "DAG_CYCLE resources/c1.yaml",
    ]);
  });

  it("a workflow that includes its own file, next to a worker there: both are checked", async () => {
    const built = await compileMemoryRepo(
      new Map([["resources/c1.yaml", `${workflow("c1", "container", "c1.yaml")}---\n${WORKER}`]]),
    );
    // An included file must hold one document; the worker's own mistake is reported too.
    expect(built.diagnostics.map(summary)).toEqual([
      "INCLUDE_NOT_FOUND resources/c1.yaml",
      "UNKNOWN_COMPUTE resources/c1.yaml",
    ]);
  });

  it("a loop below a workflow that nothing includes: that workflow reports it", async () => {
    const built = await compileMemoryRepo(
      new Map([
        ["resources/top.yaml", workflow("top", "container", "b.yaml")],
        ["resources/b.yaml", workflow("b", "container", "c.yaml")],
        ["resources/c.yaml", workflow("c", "container", "b.yaml")],
      ]),
    );
    expect(built.diagnostics.map(summary)).toEqual(["DAG_CYCLE resources/c.yaml"]);
    expect(built.files).toEqual([]);
  });

  it("an include without a loop is still a part of its includer, not a resource of its own", async () => {
    const built = await compileMemoryRepo(
      new Map([
        ["resources/top.yaml", workflow("top", "container", "b.yaml")],
        ["resources/b.yaml", workflow("b", "container")],
      ]),
    );
    expect(built.diagnostics).toEqual([]);
    const names = built.files.map((f) => f.path).filter((p) => p.includes("workflow-"));
    expect(names.some((p) => p.includes("workflow-top"))).toBe(true);
    expect(names.some((p) => p.includes("workflow-b/"))).toBe(false);
  });
});
