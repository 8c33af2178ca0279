import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, removeDir, snapshotTree } from "../robustness/temp-repo.js";
import { requireBundle, runStackyard } from "./run-stackyard.js";

requireBundle();

// @ts-expect-error -- a plain JavaScript module of the bench harness, without types
const bench = (await import("../../bench/lib/generate-repo.mjs")) as {
  generateRepo(dir: string, count: number): string[];
};

/**
 * 30 generated resources hold workflows 7 and 27, both in workspace team-07, both with a job
 * named `ingest` on the python-etl stack, whose config files make a ConfigMap named after the
 * job: `ingest-workflow<stamp>`.
 */
let repo: string;
beforeAll(async () => {
  repo = await makeTempDir("job-name-clash");
  bench.generateRepo(repo, 30);
});
afterAll(async () => {
  await removeDir(repo);
});

async function setStamp(stamp: "none" | "hash"): Promise<void> {
  const file = path.join(repo, "stackyard.yaml");
  const text = await readFile(file, "utf8");
  await writeFile(file, text.replace(/^stamp: .*$/m, `stamp: ${stamp}`));
}

describe("two workflows of a workspace with a job of the same name", () => {
  it("without stamps, is an error naming both resources, and out/ is not written", async () => {
    await setStamp("none");
    const run = await runStackyard(["build"], { cwd: repo });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /OUTPUT_CONFLICT ConfigMap ingest-workflow in namespace team-07 is made twice: by workflow:v1:workflow-00007:team-07 \(resources\/team-07\/workflow-00007\.yaml:\d+\) and by workflow:v1:workflow-00027:team-07/,
    );
    expect(run.stderr).toContain("set `stamp: hash` in stackyard.yaml");
    expect(await snapshotTree(path.join(repo, "out"))).toEqual({});
  });

  it("with `stamp: hash`, gives each job's objects its workflow's stamp", async () => {
    await setStamp("hash");
    const run = await runStackyard(["build"], { cwd: repo });
    expect(run.code, run.stderr).toBe(0);
    const files = Object.keys(await snapshotTree(path.join(repo, "out")));
    const configMaps = (wf: string) =>
      files
        .filter((f) => f.includes(`/${wf}/configmap-ingest-workflow-`))
        .map((f) => path.basename(f));
    const [a, b] = [configMaps("workflow-workflow-00007"), configMaps("workflow-workflow-00027")];
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(a[0]).not.toBe(b[0]);
  });
});
