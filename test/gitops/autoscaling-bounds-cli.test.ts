// An autoscaler's minReplicas above its maxReplicas is valid field by field, and the API
// server refuses the HorizontalPodAutoscaler: it is an error at the build, in a manifest or
// made by a cluster's override.
import { afterEach, expect, it } from "vitest";
import { requireBundle, runStackyard } from "../cli/run-stackyard.js";
import { platformFiles } from "./fixture.js";
import { exampleConfig, tempRepo, type TempRepo } from "./helpers.js";

requireBundle();
let repo: TempRepo | undefined;
afterEach(async () => repo?.dispose());

const withAutoscaling = (files: Record<string, string>, scaling: string) => {
  const path = "resources/retail/resources.yaml";
  const text = files[path]!.replace(
    /worker:\n  replicas: 1\n/,
    `worker:\n  replicas: 1\n  autoScaling: ${scaling}\n`,
  );
  expect(text).not.toBe(files[path]);
  return { ...files, [path]: text };
};

it("refuses minReplicas above maxReplicas in a manifest, at maxReplicas", async () => {
  repo = await tempRepo(
    exampleConfig(""),
    withAutoscaling(platformFiles(["retail"], 1), "{minReplicas: 5, maxReplicas: 2}"),
  );
  const run = await runStackyard(["build"], { cwd: repo.dir });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(
    /resources\/retail\/resources\.yaml:\d+:\d+ error INVALID_VALUE `autoScaling\.maxReplicas` is 2, below `minReplicas` 5: the cluster refuses such an autoscaler/,
  );
  expect(run.stderr).toContain("{minReplicas: 5, maxReplicas: 2}");
  expect(run.stderr).toContain("= hint: set maxReplicas to 5 or more, or minReplicas to 2 or less");
});

it("refuses an override that lifts minReplicas above maxReplicas", async () => {
  repo = await tempRepo(
    exampleConfig(`clusters:
  - name: prod
    engine: argocd
    repoURL: https://github.com/acme/platform.git
    overrides:
      - match: {type: worker, name: consumer-0000}
        set: {worker.autoScaling.minReplicas: 5}
`),
    withAutoscaling(platformFiles(["retail"], 1), "{minReplicas: 1, maxReplicas: 2}"),
  );
  const run = await runStackyard(["build"], { cwd: repo.dir });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(
    "error INVALID_VALUE `autoScaling.maxReplicas` is 2, below `minReplicas` 5",
  );
});

it("takes minReplicas equal to maxReplicas", async () => {
  repo = await tempRepo(
    exampleConfig(""),
    withAutoscaling(platformFiles(["retail"], 1), "{minReplicas: 2, maxReplicas: 2}"),
  );
  const run = await runStackyard(["build"], { cwd: repo.dir });
  expect(run.stderr).not.toContain("INVALID_VALUE");
  expect(run.code).toBe(0);
});
