import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBundle, runStackyard } from "../cli/run-stackyard.js";

requireBundle();

/** A workflow `nightly` in workspace `ws`, whose two jobs are named after the workspace. */
const workflow = (ws: string) =>
  [
    "name: nightly",
    "version: v1",
    "type: workflow",
    `workspace: ${ws}`,
    "workflow:",
    "  dag:",
    `    - name: extract-${ws}`,
    "      spec: {stack: container, compute: runnable-default, stackSpec: {image: ghcr.io/acme/extract:1.0}}",
    `    - name: load-${ws}`,
    `      dependencies: [extract-${ws}]`,
    "      spec: {stack: container, compute: runnable-default, stackSpec: {image: ghcr.io/acme/load:1.0}}",
    "",
  ].join("\n");

let repo: string;

beforeAll(async () => {
  repo = await mkdtemp(path.join(tmpdir(), "stackyard-dag-"));
  await mkdir(path.join(repo, "resources"));
  await writeFile(path.join(repo, "resources/alpha.yaml"), workflow("alpha"));
  await writeFile(path.join(repo, "resources/beta.yaml"), workflow("beta"));
});

afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe("stackyard graph --dag, with workflows of one name in two workspaces", () => {
  it("refuses the bare name and lists the WORKSPACE/NAME choices", async () => {
    const run = await runStackyard(["graph", "--dag", "nightly"], { cwd: repo });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      "stackyard: 2 workflows are named nightly, in different workspaces\n" +
        "hint: name one as WORKSPACE/NAME: --dag alpha/nightly, --dag beta/nightly\n",
    );
  });

  it("draws only the workflow WORKSPACE/NAME or the resource id names", async () => {
    const beta = await runStackyard(["graph", "--dag", "beta/nightly"], { cwd: repo });
    expect(beta.code).toBe(0);
    expect(beta.stdout).toContain('["load-beta"]');
    expect(beta.stdout).not.toContain("alpha");
    const alpha = await runStackyard(["graph", "--dag", "workflow:v1:nightly:alpha"], {
      cwd: repo,
    });
    expect(alpha.code).toBe(0);
    expect(alpha.stdout).toContain('["load-alpha"]');
    expect(alpha.stdout).not.toContain("beta");
  });

  it("names the workflows as WORKSPACE/NAME when none matches", async () => {
    const run = await runStackyard(["graph", "--dag", "nightli"], { cwd: repo });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "hint: did you mean nightly? workflows: alpha/nightly, beta/nightly\n",
    );
  });
});
