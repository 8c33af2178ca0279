import { describe, expect, it } from "vitest";
import { requireBundle, runStackyard } from "../cli/run-stackyard.js";

requireBundle();

describe("stackyard explain", () => {
  it("documents a stack's stackSpec fields, constraints and example", async () => {
    const run = await runStackyard(["explain", "dataos-ctl:1.0"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^STACK {5}dataos-ctl:1\.0\nRUNS {6}registry\.k8s\.io\/kubectl:v1\.31\.0\nIN {8}workflow\n/,
    );
    expect(run.stdout).toContain("  arguments  <list of string>  (required)\n");
    expect(run.stdout).toContain(
      '    verbs  <list of "get" | "list" | "watch" | "create" | "update" | "patch" | "delete" | "deletecollection">  (required)\n',
    );
    expect(run.stdout).toContain("EXAMPLE\n  stackSpec:\n    arguments:\n      - apply\n");
  });

  it("picks the highest version, follows $refs and names alternatives", async () => {
    const run = await runStackyard(["explain", "scanner"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("STACK     scanner:2.0\n");
    expect(run.stdout).toContain(
      "      tableFilterPattern  <object>\n          Regular expressions (Python syntax) of names to include and to exclude.\n",
    );
    expect(run.stdout).toContain("  (needs exactly one of: depot, type)\n");
  });

  it("builds an example from the required fields when the schema has none", async () => {
    const run = await runStackyard(["explain", "container"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/EXAMPLE\n {2}stackSpec:\n {4}image: <string>\n$/);
  });

  it("is a usage error, with suggestions, for something that is not a stack", async () => {
    const typo = await runStackyard(["explain", "scaner"]);
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe("");
    expect(typo.stderr).toContain("nothing named scaner to explain");
    expect(typo.stderr).toContain("did you mean `scanner`?");
    const version = await runStackyard(["explain", "flare:9.0"]);
    expect(version.code).toBe(2);
    expect(version.stderr).toContain("flare has: flare:5.0, flare:6.0, flare:7.0");
  });
});
