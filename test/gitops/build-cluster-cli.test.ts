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

it("warns at a cluster's workspaces: entry no resource is in, the same on a full and a no-op build", async () => {
  const config = exampleConfig(
    TWO_CLUSTERS.replace("workspaces: [retail]", "workspaces: [retial]"),
  );
  repo = await tempRepo(config, platformFiles(["retail", "public"], 1));
  const expected = [
    "stackyard.yaml:13:18 warning CONFIG_INVALID cluster edge runs workspace retial, which no resource is in",
    "  13 |     workspaces: [retial]",
    "     |                  ^^^^^^",
    "  = hint: did you mean retail? the workspaces with resources are public, retail",
  ].join("\n");
  const full = await runStackyard(["build"], { cwd: repo.dir });
  expect(full.code).toBe(0);
  expect(full.stderr).toContain(expected);
  const noop = await runStackyard(["build"], { cwd: repo.dir });
  expect(noop.stderr).toMatch(/0 written/);
  expect(noop.stderr).toContain(expected);
  // An edited resource, and the one cluster built alone.
  const file = path.join(repo.dir, "resources/retail/resources.yaml");
  await writeFiles(repo.dir, {
    "resources/retail/resources.yaml": (await readFile(file, "utf8")).replace(
      "replicas: 1",
      "replicas: 4",
    ),
  });
  const edited = await runStackyard(["build"], { cwd: repo.dir });
  expect(edited.stderr).toContain(expected);
  expect((await runStackyard(["build", "--cluster", "edge"], { cwd: repo.dir })).stderr).toContain(
    expected,
  );
  // A workspace that resources are in is not warned about.
  await writeFiles(repo.dir, { "stackyard.yaml": exampleConfig(TWO_CLUSTERS) });
  const fixed = await runStackyard(["build"], { cwd: repo.dir });
  expect(fixed.code).toBe(0);
  expect(fixed.stderr).not.toContain("CONFIG_INVALID");
}, 60_000);
