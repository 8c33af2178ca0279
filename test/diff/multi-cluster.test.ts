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
 * stackyard.yaml names one `cluster` today; a repository delivered to several clusters builds
 * one out/ folder per cluster. This compiles the same repository for two clusters and joins
 * the outputs, as a multi-cluster build lays them out (`out/<cluster>/…`).
 */
async function twoClusters(root: string, label: string): Promise<CompiledSide> {
  const { config } = await loadConfig(root);
  const sides = await Promise.all(
    ["production", "staging"].map((cluster) =>
      compileRepoFiles({ root, config: { ...config, cluster } }),
    ),
  );
  const files = sides.flatMap((s) => s.files.filter((f) => f.path !== "lineage.json"));
  const objects = files.filter((f) => f.source !== undefined).length;
  return {
    summary: { label, errors: 0, objects },
    files,
    diagnostics: sides[0]!.diagnostics,
    sources: sides[0]!.sources,
  };
}

test("a change delivered to two clusters is shown once per cluster", async () => {
  repo = await exampleRepo();
  const base = await twoClusters(repo.dir, "base");
  await edit(repo, "resources/analytics/orders-api.yaml", "servicePort: 8080", "servicePort: 9090");
  const head = await twoClusters(repo.dir, "head");
  const report = diffCompiled(base, head);
  expect(report.counts.changed).toBe(6);
  expect(new Set(report.groups.flatMap((g) => g.changes.map((c) => c.cluster)))).toEqual(
    new Set(["production", "staging"]),
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
  const side = await twoClusters(repo.dir, "same");
  const report = diffCompiled(side, side);
  expect(renderText(report, { color: false })).not.toContain("\u001b[");
  expect(renderText(report, { color: true })).toContain(
    "\u001b[1mstackyard diff same → same\u001b[0m",
  );
});
