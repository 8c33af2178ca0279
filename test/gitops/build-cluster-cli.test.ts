import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { requireBundle, runStackyard } from "../cli/run-stackyard.js";
import { platformFiles } from "./fixture.js";
import { exampleConfig, tempRepo, TWO_CLUSTERS, type TempRepo } from "./helpers.js";
import { writeFiles } from "../publish/git-fixture.js";

requireBundle();
let repo: TempRepo | undefined;
afterEach(async () => repo?.dispose());

it("build --cluster rebuilds that cluster and leaves the other's files as they were", async () => {
  repo = await tempRepo(exampleConfig(TWO_CLUSTERS), platformFiles(["retail"], 1));
  const full = await runStackyard(["build"], { cwd: repo.dir });
  expect(full.stderr).toMatch(/built 3 resources/);
  const prodFile = path.join(
    repo.dir,
    "out/prod-eu/retail/worker-consumer-0000/deployment-consumer-0000-d.yaml",
  );
  const edgeFile = path.join(
    repo.dir,
    "out/edge/retail/worker-consumer-0000/deployment-consumer-0000-d.yaml",
  );
  const prodBefore = {
    text: await readFile(prodFile, "utf8"),
    mtime: (await stat(prodFile)).mtimeMs,
  };
  const text = await readFile(path.join(repo.dir, "resources/retail/resources.yaml"), "utf8");
  await writeFiles(repo.dir, {
    "resources/retail/resources.yaml": text.replace("replicas: 1", "replicas: 4"),
  });
  const one = await runStackyard(["build", "--cluster", "edge"], { cwd: repo.dir });
  expect(one.code).toBe(0);
  expect(await readFile(edgeFile, "utf8")).toContain("replicas: 4");
  expect(await readFile(prodFile, "utf8")).toBe(prodBefore.text);
  expect((await stat(prodFile)).mtimeMs).toBe(prodBefore.mtime);
  // The whole build then brings prod-eu up to date too.
  const check = await runStackyard(["check"], { cwd: repo.dir });
  expect(check.code).toBe(1);
  expect((await runStackyard(["build"], { cwd: repo.dir })).code).toBe(0);
  expect(await readFile(prodFile, "utf8")).toContain("replicas: 4");
}, 60_000);

it("build --cluster with a name stackyard.yaml does not declare is a usage error", async () => {
  repo = await tempRepo(exampleConfig(TWO_CLUSTERS), platformFiles(["retail"], 1));
  const run = await runStackyard(["build", "--cluster", "staging"], { cwd: repo.dir });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("unknown cluster staging");
  expect(run.stderr).toContain("the clusters are prod-eu, edge");
});
