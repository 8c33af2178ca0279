import { describe, expect, it } from "vitest";
import { compileMemoryRepo, outputBytes } from "../robustness/memory-repo.js";

const WORKFLOW = `name: nightly
version: v1
type: workflow
workspace: shop
workflow:
  dag:
    - name: check
      file: jobs/check.yaml
    - name: publish
      spec:
        stack: container
        compute: runnable-default
        resources: {requests: {cpu: 100m, memory: 64Mi}}
        stackSpec: {image: "ghcr.io/acme/publish:1.0.0"}
      dependencies: [check]
`;
const JOB = (resourcesKey: string) => `spec:
  stack: container
  compute: runnable-default
  ${resourcesKey}: {requests: {cpu: 100m, memory: 64Mi}}
  stackSpec: {image: "ghcr.io/acme/checks:1.0.0"}
`;

describe("a job file a workflow includes (dag[].file)", () => {
  it("accepts the spellings a dag entry accepts, with the same warning, in the job file", async () => {
    const canonical = await compileMemoryRepo(
      new Map([
        ["resources/nightly.yaml", WORKFLOW],
        ["resources/jobs/check.yaml", JOB("resources")],
      ]),
    );
    expect(canonical.diagnostics).toEqual([]);
    const typo = await compileMemoryRepo(
      new Map([
        ["resources/nightly.yaml", WORKFLOW],
        ["resources/jobs/check.yaml", JOB("resource")],
      ]),
    );
    // At the misspelled key, in the job file.
    const at = JOB("resource").indexOf("resource:");
    expect(typo.diagnostics.map((d) => [d.code, d.severity, d.file, d.range?.start])).toEqual([
      ["DEPRECATED_SPELLING", "warning", "resources/jobs/check.yaml", at],
    ]);
    expect(outputBytes(typo)).toBe(outputBytes(canonical));
  });

  it("reports it once when two workflows include the file", async () => {
    const other = WORKFLOW.replace("name: nightly", "name: weekly");
    const typo = await compileMemoryRepo(
      new Map([
        ["resources/nightly.yaml", WORKFLOW],
        ["resources/weekly.yaml", other],
        ["resources/jobs/check.yaml", JOB("resource")],
      ]),
    );
    expect(typo.diagnostics.map((d) => d.code)).toEqual(["DEPRECATED_SPELLING"]);
    expect(typo.files.length).toBeGreaterThan(0);
  });
});
