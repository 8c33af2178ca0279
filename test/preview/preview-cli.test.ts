import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { requireBundle, runStackyard } from "../cli/run-stackyard.js";
import { edit, exampleRepo, type TestRepo } from "../diff/git-repo.js";
import { bigService } from "./big-service.js";
import { FakeGitHub } from "./fake-github.js";

requireBundle();

const LIMIT = 65_536;
let github: FakeGitHub;
let repo: TestRepo;

beforeAll(async () => {
  github = new FakeGitHub();
  await github.start();
  repo = await exampleRepo();
  await repo.commit("base", "base");
});
afterAll(async () => {
  await github.stop();
  await repo.dispose();
});

/** `stackyard preview --base base --pr PR` in the test repository, against the fake GitHub. */
function preview(pr: number, extraEnv: Record<string, string> = {}) {
  return runStackyard(["preview", "--base", "base", "--pr", String(pr)], {
    cwd: repo.dir,
    env: {
      GITHUB_TOKEN: "test-token",
      GITHUB_REPOSITORY: "acme/platform",
      GITHUB_API_URL: github.url,
      ...extraEnv,
    },
  });
}

const ORDERS_API = "resources/analytics/orders-api.yaml";
const CALLS = (from: number) => github.requests.slice(from).map((r) => `${r.method} ${r.path}`);

describe("stackyard preview against a local GitHub", () => {
  test("the first run creates one comment, found again and updated by the second", async () => {
    github.seed(7, "LGTM, but please check the port");
    await edit(repo, ORDERS_API, "servicePort: 8080", "servicePort: 9090");
    const first = await preview(7);
    expect(first.stderr).toContain("1 created");
    expect(first.code).toBe(0);
    expect(CALLS(0)).toEqual([
      "GET /repos/acme/platform/issues/7/comments",
      "POST /repos/acme/platform/issues/7/comments",
    ]);
    const comments = github.list(7);
    expect(comments).toHaveLength(2);
    expect(comments[1]!.body).toMatch(/^<!-- stackyard:preview -->\n### stackyard diff/);
    expect(comments[1]!.body).toContain("+      port: 9090");

    await edit(repo, ORDERS_API, "servicePort: 9090", "servicePort: 9191");
    const mark = github.requests.length;
    const second = await preview(7);
    expect(second.code).toBe(0);
    expect(CALLS(mark)).toEqual([
      "GET /repos/acme/platform/issues/7/comments",
      `PATCH /repos/acme/platform/issues/comments/${comments[1]!.id}`,
    ]);
    expect(github.list(7)).toHaveLength(2);
    expect(github.list(7)[0]!.body).toBe("LGTM, but please check the port");
    expect(github.list(7)[1]!.body).toContain("+      port: 9191");

    const unchanged = github.requests.length;
    expect((await preview(7)).code).toBe(0);
    expect(CALLS(unchanged)).toEqual(["GET /repos/acme/platform/issues/7/comments"]);
  });

  test("a diff over the limit is a summary plus parts; a shorter one deletes the extra parts", async () => {
    for (let n = 1; n <= 12; n++)
      await repo.write(`resources/analytics/api-${n}.yaml`, bigService(n));
    const summaryFile = path.join(repo.dir, "step-summary.md");
    await repo.write("step-summary.md", "");
    const big = await preview(9, { GITHUB_STEP_SUMMARY: summaryFile });
    expect(big.code).toBe(0);
    const posted = [...github.list(9)];
    expect(posted.length).toBeGreaterThanOrEqual(3);
    expect(posted[0]!.body).toContain("continues in");
    posted.forEach((c, i) => {
      expect(c.body.length).toBeLessThanOrEqual(LIMIT);
      if (i > 0) expect(c.body.startsWith(`<!-- stackyard:preview:part ${i} -->`)).toBe(true);
      expect(unbalanced(c.body)).toEqual({ fences: 0, details: 0 });
    });
    const full = await readFile(summaryFile, "utf8");
    expect(full.length).toBeGreaterThan(LIMIT);
    expect(full).toContain("api-12-d");

    for (let n = 3; n <= 12; n++) await repo.remove(`resources/analytics/api-${n}.yaml`);
    const mark = github.requests.length;
    const small = await preview(9);
    expect(small.code).toBe(0);
    const calls = CALLS(mark);
    expect(calls.filter((c) => c.startsWith("DELETE"))).toHaveLength(posted.length - 1);
    expect(calls.filter((c) => c.startsWith("PATCH"))).toEqual([
      `PATCH /repos/acme/platform/issues/comments/${posted[0]!.id}`,
    ]);
    expect(github.list(9)).toHaveLength(1);
    expect(github.list(9)[0]!.body).toContain("api-02-d");
  });

  test("many comments on the pull request are read page by page", async () => {
    for (let i = 0; i < 150; i++) github.seed(11, `comment ${i}`);
    expect((await preview(11)).code).toBe(0);
    expect((await preview(11)).code).toBe(0);
    expect(
      github.list(11).filter((c) => c.body.startsWith("<!-- stackyard:preview -->")),
    ).toHaveLength(1);
    expect(
      github.requests.some((r) => r.path.endsWith("/issues/11/comments") && r.method === "GET"),
    ).toBe(true);
  });

  test("a refused token is an error with a hint, exit 2", async () => {
    const run = await preview(7, { GITHUB_TOKEN: "wrong" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: GitHub answered 401");
    expect(run.stderr).toContain("hint: GITHUB_TOKEN is missing, expired or wrong");
  });

  test("missing GITHUB_TOKEN or --pr is a usage error", async () => {
    const noToken = await runStackyard(["preview", "--base", "base", "--pr", "3"], {
      cwd: repo.dir,
      env: { GITHUB_TOKEN: "", GITHUB_REPOSITORY: "acme/platform" },
    });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain("GITHUB_TOKEN is not set");
    const noPr = await runStackyard(["preview", "--base", "base"], { cwd: repo.dir });
    expect(noPr.code).toBe(2);
    expect(noPr.stderr).toContain("--pr needs a pull-request number");
  });

  test("--pr that is not a pull request's number is a usage error naming it", async () => {
    for (const value of [
      "-1",
      "0",
      "1.5",
      "abc",
      "0x10",
      "1e3",
      " 42",
      "",
      "99999999999999999999",
    ]) {
      const run = await runStackyard(["preview", "--base", "base", "--dry-run", `--pr=${value}`], {
        cwd: repo.dir,
      });
      expect(run.code, value).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.split("\n").slice(0, 2), value).toEqual([
        `stackyard: --pr ${JSON.stringify(value)} is not a pull-request number`,
        "hint: give the pull request's number, a whole number from 1 written in digits, e.g. --pr 42",
      ]);
    }
  });
});

/** Fences and `<details>` opened but not closed in a comment body. */
function unbalanced(body: string): { fences: number; details: number } {
  const fences = body.split("\n").filter((l) => /^`{3,}/.test(l)).length % 2;
  const details =
    (body.match(/<details>/g) ?? []).length - (body.match(/<\/details>/g) ?? []).length;
  return { fences, details };
}
