import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { requireBundle, runStackyard } from "../cli/run-stackyard.js";
import { edit, exampleRepo, type TestRepo } from "./git-repo.js";

requireBundle();

let repo: TestRepo;
beforeAll(async () => {
  repo = await exampleRepo();
  await repo.commit("base", "base");
});
afterAll(async () => repo.dispose());

describe("stackyard diff", () => {
  test("compares the base with the work tree, as text or Markdown", async () => {
    await edit(
      repo,
      "resources/analytics/orders-api.yaml",
      "servicePort: 8080",
      "servicePort: 9090",
    );
    const text = await runStackyard(["diff", "--base", "base"], { cwd: repo.dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^stackyard diff base \([0-9a-f]{7}\) → work tree\n3 changed, \d+ unchanged\n/,
    );
    const md = await runStackyard(["diff", "--base", "base", "--format", "markdown"], {
      cwd: repo.dir,
      env: {
        GITHUB_SERVER_URL: "https://github.com",
        GITHUB_REPOSITORY: "acme/platform",
        GITHUB_SHA: "f".repeat(40),
      },
    });
    expect(md.code).toBe(0);
    expect(md.stdout).toContain(
      `[\`resources/analytics/orders-api.yaml:3\`](https://github.com/acme/platform/blob/${"f".repeat(40)}/resources/analytics/orders-api.yaml#L3)`,
    );
  });

  test("exits 1 when the head introduces errors", async () => {
    await edit(
      repo,
      "resources/analytics/orders-api.yaml",
      "servicePort: 9090",
      "servicePort: nine",
    );
    const run = await runStackyard(["diff", "--base", "base"], { cwd: repo.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Objects are not compared: the head has 1 error");
    await edit(
      repo,
      "resources/analytics/orders-api.yaml",
      "servicePort: nine",
      "servicePort: 8080",
    );
  });

  test("a head whose stackyard.yaml is broken names that error, not every stack's blast radius", async () => {
    await edit(repo, "stackyard.yaml", "outDir: out", "outDir: [out]");
    const run = await runStackyard(["diff", "--base", "base"], { cwd: repo.dir });
    await edit(repo, "stackyard.yaml", "outDir: [out]", "outDir: out");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Objects are not compared: the head has 1 error");
    expect(run.stdout).toContain("stackyard.yaml:4:9 error CONFIG_INVALID outDir must be a string");
    expect(run.stdout).not.toContain("Blast radius");
  });

  test("usage errors: no --base, an unknown revision, a range, an unknown output", async () => {
    const cases = [
      { args: ["diff"], error: "--base is required" },
      { args: ["diff", "--base", "nope"], error: 'unknown revision "nope"' },
      {
        args: ["diff", "--base", "main..feature"],
        error:
          "stackyard: --base main..feature is a range of commits; diff compares two revisions\nhint: pass --base main --head feature\n",
      },
      {
        args: ["diff", "--base", "base", "--head", "base.."],
        error: "hint: pass --base base --head HEAD\n",
      },
      {
        args: ["diff", "--base", "main...feature"],
        error:
          "hint: pass --base main --head feature (A...B compares B with A's merge base: --base $(git merge-base main feature))\n",
      },
      {
        args: ["diff", "--base", "base", "--format", "html"],
        error: 'unknown format "html" for --format',
      },
      {
        args: ["diff", "--base", "base", "--output", "html"],
        error: 'unknown value "html" for --output',
      },
    ];
    for (const c of cases) {
      const run = await runStackyard(c.args, { cwd: repo.dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(c.error);
    }
  });
});
