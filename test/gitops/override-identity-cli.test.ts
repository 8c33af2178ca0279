import { afterEach, expect, it } from "vitest";
import { requireBundle, runStackyard } from "../cli/run-stackyard.js";
import { platformFiles } from "./fixture.js";
import { exampleConfig, tempRepo, type TempRepo } from "./helpers.js";

requireBundle();
let repo: TempRepo | undefined;
afterEach(async () => repo?.dispose());

const config = (set: string) =>
  exampleConfig(`clusters:
  - name: prod
    engine: argocd
    repoURL: https://github.com/acme/platform.git
    overrides:
      - match: {type: worker, name: consumer-0000}
        set: {${set}}
`);

it("refuses an override that sets a resource's name, type, version or workspace, at its key", async () => {
  repo = await tempRepo(
    config("name: other, type: service, version: v1, workspace: public, worker.replicas: 3"),
    platformFiles(["retail"], 1),
  );
  const run = await runStackyard(["build"], { cwd: repo.dir });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(
    [
      "stackyard.yaml:11:15 error CONFIG_INVALID an override cannot set `name`: a resource's name is part of what identifies it (type, version, name and workspace)",
      "  11 |         set: {name: other, type: service, version: v1, workspace: public, worker.replicas: 3}",
      "     |               ^^^^",
      "  = hint: set fields of the resource's section instead (`service.replicas`, `worker.stackSpec.image`); to run it under another name, type or workspace on this cluster, write that resource in a file of its own",
    ].join("\n"),
  );
  for (const [key, col] of [
    ["type", 28],
    ["version", 43],
    ["workspace", 56],
  ] as const) {
    expect(run.stderr).toContain(
      `stackyard.yaml:11:${col} error CONFIG_INVALID an override cannot set \`${key}\`: a resource's ${key} is part`,
    );
  }
  expect(run.stderr).toMatch(/^4 errors$/m);
});
