import { mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { requireBundle, runStackyard } from "../cli/run-stackyard.js";
import { BASE_FILES, makeTempDir, removeDir, writeEntries } from "./temp-repo.js";

requireBundle();

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map(removeDir));
});

async function repoWith(config: string): Promise<string> {
  const repo = await makeTempDir("out-blocked");
  temps.push(repo);
  await writeEntries(repo, { ...BASE_FILES, "stackyard.yaml": config });
  return repo;
}

describe("an out dir that cannot be a folder", () => {
  const cases: Array<{
    name: string;
    config: string;
    make: (repo: string) => Promise<void>;
    /** The diagnostic's first line: at `outDir:` when stackyard.yaml sets it. */
    message: string;
  }> = [
    {
      name: "a file named out",
      config: "roots: [resources]\n",
      make: (repo) => writeFile(path.join(repo, "out"), "notes\n"),
      message:
        "error OUTPUT_CONFLICT out is a file, where the build writes its output folder (outDir is not set in stackyard.yaml, and defaults to out)",
    },
    {
      name: "a symbolic link to a file",
      config: "roots: [resources]\n",
      make: async (repo) => {
        await writeFile(path.join(repo, "notes.txt"), "notes\n");
        await symlink("notes.txt", path.join(repo, "out"));
      },
      message:
        "error OUTPUT_CONFLICT out is a symbolic link to a file, where the build writes its output folder (outDir is not set in stackyard.yaml, and defaults to out)",
    },
    {
      name: "a symbolic link to nothing",
      config: "roots: [resources]\n# where the manifests go\noutDir: out\n",
      make: (repo) => symlink("gone", path.join(repo, "out")),
      message:
        "stackyard.yaml:3:9 error OUTPUT_CONFLICT out is a symbolic link to nothing, where the build writes its output folder",
    },
    {
      name: "a file where a parent folder should be",
      config: "roots: [resources]\noutDir: deploy/out\n",
      make: (repo) => writeFile(path.join(repo, "deploy"), "notes\n"),
      message:
        "stackyard.yaml:2:9 error OUTPUT_CONFLICT a file is in the way of deploy/out/: a folder on its path is a file",
    },
  ];

  for (const c of cases) {
    it(`is an error of build and check, not a crash, and nothing is touched: ${c.name}`, async () => {
      const repo = await repoWith(c.config);
      await c.make(repo);
      const before = (await readdir(repo)).sort();
      for (const command of ["build", "check"]) {
        const run = await runStackyard([command], { cwd: repo });
        expect(run.code, run.stderr).toBe(1);
        expect(run.stderr.split("\n")).toContain(c.message);
        expect(run.stderr).toContain("hint: move or delete what is at ");
        expect(run.stderr).not.toContain("internal error");
        // No lock, no staged tree, nothing in place of what is there.
        expect((await readdir(repo)).sort()).toEqual(before);
      }
    }, 60_000);
  }

  it("a file where stackyard's own folder out/.stackyard goes is in the way, and said so", async () => {
    const repo = await repoWith("roots: [resources]\n");
    await mkdir(path.join(repo, "out"));
    await writeFile(path.join(repo, "out/.stackyard"), "notes\n");
    const run = await runStackyard(["build"], { cwd: repo });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain(
      "error OUTPUT_CONFLICT out/.stackyard is a file stackyard does not own, in the way of generated output.",
    );
    expect(await readFile(path.join(repo, "out/.stackyard"), "utf8")).toBe("notes\n");
  }, 60_000);

  it("a hand-written file or folder in the way of a generated file is an error at its resource's line", async () => {
    const repo = await repoWith("roots: [resources]\n");
    // A folder where the web service's Service goes, with a file in it; a file where the
    // feed worker's folder goes.
    await mkdir(path.join(repo, "out/default/shop/service-web/service-web.yaml"), {
      recursive: true,
    });
    await writeFile(path.join(repo, "out/default/shop/service-web/service-web.yaml/notes"), "n\n");
    await writeFile(path.join(repo, "out/default/shop/worker-feed"), "notes\n");
    const run = await runStackyard(["build"], { cwd: repo });
    expect(run.code, run.stderr).toBe(1);
    const errors = run.stderr.split("\n").filter((l) => l.includes("OUTPUT_CONFLICT"));
    expect(errors).toEqual([
      "resources/feed.yaml:1:1 error OUTPUT_CONFLICT out/default/shop/worker-feed is a file stackyard does not own, in the way of generated output (from worker:v1beta:feed:shop, line 1).",
      "resources/web.yaml:1:1 error OUTPUT_CONFLICT out/default/shop/service-web/service-web.yaml is a folder stackyard does not own, in the way of generated output (from service:v1:web:shop, line 1).",
      "resources/web.yaml:1:1 error OUTPUT_CONFLICT out/default/shop/service-web/service-web.yaml/notes is a file stackyard does not own, in the way of generated output (from service:v1:web:shop, line 1).",
    ]);
    expect(run.stderr).toContain("  1 | name: web\n    | ^^^^^^^^^\n");
  }, 60_000);

  it("a file where the build cache's folder goes only costs the cache, and each build says so", async () => {
    const repo = await repoWith("roots: [resources]\n");
    await mkdir(path.join(repo, "out/.stackyard"), { recursive: true });
    await writeFile(path.join(repo, "out/.stackyard/cache"), "notes\n");
    for (const written of [/\(\d+ written, 0 unchanged/, /\(0 written, \d+ unchanged/]) {
      const run = await runStackyard(["build"], { cwd: repo });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(written);
      expect(run.stderr).toContain(
        "warning CACHE_NOT_SAVED the build cache could not be saved (a file is in the way of the folder out/.stackyard/cache): out/ is complete, but the next build compiles every resource again\n  = hint: remove the file in the way (out/.stackyard/cache must be a folder) and build again",
      );
    }
    expect(await readFile(path.join(repo, "out/.stackyard/cache"), "utf8")).toBe("notes\n");
  }, 60_000);

  it("is made with its parent folders by the first build (git keeps no empty folder)", async () => {
    const repo = await repoWith("roots: [resources]\noutDir: build/k8s\n");
    const stale = await runStackyard(["check"], { cwd: repo });
    expect(stale.code, stale.stderr).toBe(1);
    expect(stale.stderr).toContain("build/k8s/ is stale");
    const run = await runStackyard(["build"], { cwd: repo });
    expect(run.code, run.stderr).toBe(0);
    expect((await readdir(path.join(repo, "build/k8s/.stackyard"))).sort()).toContain("index.json");
    expect((await runStackyard(["check"], { cwd: repo })).code).toBe(0);
  }, 60_000);

  it("is no problem as a symbolic link to a folder: the build writes there", async () => {
    const repo = await repoWith("roots: [resources]\n");
    await mkdir(path.join(repo, "rendered"));
    await symlink("rendered", path.join(repo, "out"));
    const run = await runStackyard(["build"], { cwd: repo });
    expect(run.code, run.stderr).toBe(0);
    const index = await readFile(path.join(repo, "rendered/.stackyard/index.json"), "utf8");
    expect(index).toContain('"formatVersion"');
  }, 60_000);
});
