import { afterEach, expect, it } from "vitest";
import { requireBundle, runStackyard } from "../cli/run-stackyard.js";
import { platformFiles } from "./fixture.js";
import { exampleConfig, tempRepo, TWO_CLUSTERS, type TempRepo } from "./helpers.js";

requireBundle();
let repo: TempRepo | undefined;
afterEach(async () => repo?.dispose());

/** Both clusters run retail only; prod-eu has an override of public's api. */
const RETAIL_ONLY = TWO_CLUSTERS.replace(
  "repoURL: https://github.com/acme/platform.git\n  - name: edge",
  `repoURL: https://github.com/acme/platform.git
    workspaces: [retail]
    overrides:
      - match: {workspace: public, name: api}
        set: {service.replicas: 3}
  - name: edge`,
);

it("warns once at the first resource of a workspace no cluster runs, and at an override only such resources match", async () => {
  repo = await tempRepo(exampleConfig(RETAIL_ONLY), platformFiles(["retail", "public"], 1));
  const run = await runStackyard(["build"], { cwd: repo.dir });
  expect(run.code).toBe(0);
  expect(run.stderr).toContain(
    [
      "resources/public/resources.yaml:4:12 warning CONFIG_INVALID workspace public has 3 resources, but no cluster runs it: none of them is in out/, and a GitOps engine prunes what it synced of them",
      "  4 | workspace: public",
      "    |            ^^^^^^",
      "  = hint: add public to the workspaces: of a cluster in stackyard.yaml (prod-eu runs retail; edge runs retail), or move the resources to a workspace a cluster runs",
      "  = note: stackyard.yaml:9:18 cluster prod-eu's workspaces",
      "  = note: stackyard.yaml:17:18 cluster edge's workspaces",
    ].join("\n"),
  );
  expect(run.stderr.match(/no cluster runs it/g)).toHaveLength(1);
  expect(run.stderr).toContain(
    "stackyard.yaml:11:9 warning CONFIG_INVALID an override of cluster prod-eu matches no resource of the workspaces it runs (workspace public, name api)",
  );
  // Building one cluster still counts the other's workspaces.
  const one = await runStackyard(["build", "--cluster", "edge"], { cwd: repo.dir });
  expect(one.stderr).toContain("workspace public has 3 resources, but no cluster runs it");
});

it("says nothing when a cluster runs every workspace", async () => {
  repo = await tempRepo(exampleConfig(TWO_CLUSTERS), platformFiles(["retail", "public"], 1));
  const run = await runStackyard(["build"], { cwd: repo.dir });
  expect(run.code).toBe(0);
  expect(run.stderr).not.toContain("no cluster runs it");
});
