import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleGit } from "simple-git";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emptyRepo, type TestRepo } from "../diff/git-repo.js";
import { MARK, markRecord, summaryLine } from "./cache-record.js";
import { requireBundle, runStackyard } from "./run-stackyard.js";

requireBundle();

// A CI job that regenerates out/ and commits it, with out/.stackyard/cache/ kept in the CI's
// cache: the next run's checkout has out/ as that build wrote it, every file with a new mtime.

// `noAuthentication: false` draws a FIELD_APPROXIMATED warning: a diagnostic the cache replays.
const SERVICE = (name: string, tag: string) => `name: ${name}
version: v1
type: service
workspace: shop
service:
  servicePort: 8080
  ingress: {enabled: true, path: /${name}, noAuthentication: false}
  stack: container
  compute: runnable-default
  stackSpec:
    image: ghcr.io/acme/${name}:${tag}
`;

let origin: TestRepo;
let clone: string;
beforeEach(async () => {
  origin = await emptyRepo();
  await origin.write("stackyard.yaml", "roots: [resources]\n");
  await origin.write("resources/web.yaml", SERVICE("web", "1.0.0"));
  await origin.write("resources/api.yaml", SERVICE("api", "2.0.0"));
  const built = await runStackyard(["build"], { cwd: origin.dir });
  expect(built.code, built.stderr).toBe(0);
  await origin.commit("Regenerate out/");
  clone = path.join(await mkdtemp(path.join(tmpdir(), "stackyard-ci-")), "checkout");
  await simpleGit().clone(origin.dir, clone);
});
afterEach(async () => {
  await origin.dispose();
  await rm(path.dirname(clone), { recursive: true, force: true });
});

/** The CI cache restored into the fresh checkout, its record marked (see MARK). */
async function restoreCache(): Promise<void> {
  const cache = "out/.stackyard/cache";
  await cp(path.join(origin.dir, cache), path.join(clone, cache), { recursive: true });
  await markRecord(clone);
}

const build = () => runStackyard(["build"], { cwd: clone });

describe("the build cache carried into a fresh clone", () => {
  it("is ignored by git: the clone has out/ and no record", async () => {
    expect(await readFile(path.join(clone, "out/.stackyard/index.json"), "utf8")).toContain(
      "deployment-web",
    );
    const run = await build();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain(MARK);
  });

  it("answers the unchanged checkout, its files verified by content", async () => {
    await restoreCache();
    const run = await build();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(MARK);
    expect(summaryLine(run.stderr)).toMatch(/\(0 written, \d+ unchanged, 0 pruned\)/);
  });

  it("compiles only the manifest a push changed", async () => {
    await restoreCache();
    await writeFile(path.join(clone, "resources/web.yaml"), SERVICE("web", "1.0.1"));
    const run = await build();
    expect(run.code, run.stderr).toBe(0);
    expect(summaryLine(run.stderr)).toMatch(/\(1 recompiled\)/);
    // What a compile from scratch would write, and a record of it.
    const git = simpleGit(clone);
    expect((await git.diff(["--stat"])).trim()).toMatch(
      /^out\/.*deployment-web.*\n.*resources\/web\.yaml/s,
    );
    await rm(path.join(clone, "out/.stackyard/cache"), { recursive: true });
    const check = await runStackyard(["check"], { cwd: clone });
    expect(check.code, check.stderr).toBe(0);
  });

  it("compiles everything when a file of out/ differs from what the record's build wrote", async () => {
    await restoreCache();
    const deployment = path.join(clone, "out/default/shop/service-api/deployment-api-d.yaml");
    const original = await readFile(deployment, "utf8");
    await writeFile(deployment, original.replace("api:2.0.0", "api:6.6.6"));
    const run = await build();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain(MARK);
    expect(await readFile(deployment, "utf8")).toBe(original);
  });
});
