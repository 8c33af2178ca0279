import { afterAll, describe, expect, test } from "vitest";
import {
  diffRevisions,
  renderMarkdown,
  renderText,
  type DiffReport,
} from "../../src/diff/index.js";
import { expectGolden } from "./golden.js";
import type { TestRepo } from "./git-repo.js";
import { SCENARIOS } from "./scenarios.js";

const repos: TestRepo[] = [];
afterAll(async () => {
  await Promise.all(repos.map((r) => r.dispose()));
});

/** Builds the scenario's repository (base tagged `base`, the change on top) and diffs it. */
async function runScenario(name: string): Promise<DiffReport> {
  const scenario = SCENARIOS.find((s) => s.name === name)!;
  const repo = await scenario.repo();
  repos.push(repo);
  await scenario.prepare?.(repo);
  await repo.commit("base", "base");
  await scenario.change(repo);
  await repo.commit(scenario.name, "head");
  const outcome = await diffRevisions({ root: repo.dir, base: "base", head: "head" });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.report;
}

const reports = new Map<string, DiffReport>();
async function report(name: string): Promise<DiffReport> {
  if (!reports.has(name)) reports.set(name, await runScenario(name));
  return reports.get(name)!;
}

describe.each(SCENARIOS.map((s) => s.name))("%s", (name) => {
  test("text matches its golden file", async () => {
    await expectGolden(`${name}.txt`, renderText(await report(name), { color: false }));
  });
  test("Markdown matches its golden file", async () => {
    await expectGolden(`${name}.md`, renderMarkdown(await report(name)));
  });
});
