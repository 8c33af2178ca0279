import { afterAll, expect, test } from "vitest";
import { compileRepoFiles } from "../../src/build/index.js";
import { loadConfig } from "../../src/config/index.js";
import {
  diffCompiled,
  renderMarkdown,
  renderText,
  type CompiledSide,
} from "../../src/diff/index.js";
import { edit, exampleRepo, type TestRepo } from "./git-repo.js";
import { expectGolden } from "./golden.js";

let repo: TestRepo | undefined;
afterAll(async () => repo?.dispose());

/**
 * The example's stackyard.yaml delivers every workspace to `prod` (Argo CD) and the retail
 * workspace to `edge` (Flux): a change to a retail resource shows once per cluster.
 */
async function bothClusters(root: string, label: string): Promise<CompiledSide> {
  const { config } = await loadConfig(root);
  const side = await compileRepoFiles({ root, config });
  const files = side.files.filter(
    (f) => f.path !== "lineage.json" && !f.path.startsWith("lineage/"),
  );
  const objects = files.filter((f) => f.source !== undefined).length;
  return {
    summary: { label, errors: 0, objects },
    files,
    diagnostics: side.diagnostics,
    sources: side.sources,
    read: true,
  };
}

test("a change delivered to two clusters is shown once per cluster", async () => {
  repo = await exampleRepo();
  const base = await bothClusters(repo.dir, "base");
  await edit(
    repo,
    "resources/retail/nightly-orders.yaml",
    'cron: "15 2 * * *"',
    'cron: "45 3 * * *"',
  );
  const head = await bothClusters(repo.dir, "head");
  const report = diffCompiled(base, head);
  expect(report.counts.changed).toBe(2);
  expect(new Set(report.groups.flatMap((g) => g.changes.map((c) => c.cluster)))).toEqual(
    new Set(["prod", "edge"]),
  );
  await expectGolden("multi-cluster.txt", renderText(report, { color: false }));
  await expectGolden(
    "multi-cluster.md",
    renderMarkdown(report, {
      linkBase: "https://github.com/acme/platform/blob/0123456789abcdef0123456789abcdef01234567/",
    }),
  );
});

test("colour is ANSI only when asked for", async () => {
  repo ??= await exampleRepo();
  const side = await bothClusters(repo.dir, "same");
  const report = diffCompiled(side, side);
  expect(renderText(report, { color: false })).not.toContain("\u001b[");
  expect(renderText(report, { color: true })).toContain(
    "\u001b[1mstackyard diff same → same\u001b[0m",
  );
});
