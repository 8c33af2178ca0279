import { describe, expect, it } from "vitest";
import { requireBundle, runStackyard } from "./run-stackyard.js";

requireBundle();

describe("where diagnostics in a machine format go", () => {
  it("stdout, for a command whose only output they are: it parses as JSON", async () => {
    const run = await runStackyard(["validate", "--format", "json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });

  it.each([
    ["stacks", ["stacks"]],
    ["explain", ["explain", "container"]],
  ])("stderr, for a command whose stdout is its own product (%s)", async (_, args) => {
    const run = await runStackyard([...args, "--format", "json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trimStart().startsWith("[")).toBe(false);
    expect(run.stdout).toContain("container");
    expect(JSON.parse(run.stderr)).toEqual([]);
  });
});
