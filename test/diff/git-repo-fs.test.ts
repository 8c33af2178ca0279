import { symlink } from "node:fs/promises";
import path from "node:path";
import { simpleGit } from "simple-git";
import { afterEach, describe, expect, test } from "vitest";
import { diffRevisions, gitRepoFs, renderText } from "../../src/diff/index.js";
import { emptyRepo, exampleRepo, type TestRepo } from "./git-repo.js";

let repo: TestRepo | undefined;
afterEach(async () => {
  await repo?.dispose();
  repo = undefined;
});

async function head(r: TestRepo): Promise<string> {
  return (await r.git.revparse(["HEAD"])).trim();
}

describe("gitRepoFs", () => {
  test("lists manifests the way the work tree scan does: roots, no dot-folders, excludes, links", async () => {
    repo = await emptyRepo();
    for (const rel of [
      "a/x.yaml",
      "a/y.yml",
      "a/.hidden/z.yaml",
      "a/skip/s.yaml",
      "a/notes.txt",
      "b/other.yaml",
      "a/node_modules/m.yaml",
    ])
      await repo.write(rel, "name: x\n");
    await symlink("x.yaml", path.join(repo.dir, "a/link.yaml"));
    await repo.commit("files");
    const fs = await gitRepoFs(repo.dir, simpleGit(repo.dir), await head(repo), "");
    expect(await fs.listManifests(["a"], ["a/skip/**"])).toEqual([
      "a/link.yaml",
      "a/x.yaml",
      "a/y.yml",
    ]);
    expect(await fs.listManifests(["."], [])).toEqual([
      "a/link.yaml",
      "a/skip/s.yaml",
      "a/x.yaml",
      "a/y.yml",
      "b/other.yaml",
    ]);
    expect(await fs.exists("a/notes.txt")).toBe(true);
    expect(await fs.exists("a/link.yaml")).toBe(true);
  });

  test("follows a symbolic link inside the root, and refuses one that leads out or round", async () => {
    repo = await emptyRepo();
    await repo.write("platform/stackyard.yaml", "roots: [resources]\n");
    await repo.write("platform/resources/a.yaml", "name: a\n");
    await symlink("a.yaml", path.join(repo.dir, "platform/resources/same.yaml"));
    await symlink("../stackyard.yaml", path.join(repo.dir, "platform/resources/config.yaml"));
    await symlink("/etc/passwd", path.join(repo.dir, "platform/resources/passwd.yaml"));
    await symlink("../../outside.yaml", path.join(repo.dir, "platform/resources/up.yaml"));
    await symlink("loop-b.yaml", path.join(repo.dir, "platform/resources/loop-a.yaml"));
    await symlink("loop-a.yaml", path.join(repo.dir, "platform/resources/loop-b.yaml"));
    await repo.write("outside.yaml", "name: outside\n");
    await repo.commit("links");
    const fs = await gitRepoFs(repo.dir, simpleGit(repo.dir), await head(repo), "platform/");
    const read = async (rel: string) => {
      const r = await fs.read(rel, 1000);
      return r.ok ? r.text : `${r.diagnostic.code} ${r.diagnostic.message}`;
    };
    expect(await read("resources/same.yaml")).toBe("name: a\n");
    expect(await read("resources/config.yaml")).toBe("roots: [resources]\n");
    expect(await read("resources/passwd.yaml")).toBe(
      "PATH_OUTSIDE_REPO resources/passwd.yaml leads outside the repository through a symbolic link",
    );
    expect(await read("resources/up.yaml")).toBe(
      "PATH_OUTSIDE_REPO resources/up.yaml leads outside the repository through a symbolic link",
    );
    expect(await read("resources/loop-a.yaml")).toBe(
      "FILE_UNREADABLE resources/loop-a.yaml is a loop of symbolic links in this revision",
    );
  });

  test("reads text, and refuses what the disk reader refuses, as diagnostics", async () => {
    repo = await emptyRepo();
    await repo.write("ok.yaml", "\uFEFFname: ok\n");
    await repo.write("big.yaml", `name: big\n${"#".repeat(200)}\n`);
    await repo.write("bin.yaml", "a\u0000b");
    await repo.commit("files");
    const fs = await gitRepoFs(repo.dir, simpleGit(repo.dir), await head(repo), "");
    expect(await fs.read("ok.yaml", 100)).toEqual({ ok: true, text: "name: ok\n" });
    const codes = await Promise.all(
      ["big.yaml", "bin.yaml", "missing.yaml"].map(async (f) => {
        const read = await fs.read(f, 100);
        return read.ok ? "ok" : read.diagnostic.code;
      }),
    );
    expect(codes).toEqual(["FILE_TOO_LARGE", "FILE_NOT_TEXT", "INCLUDE_NOT_FOUND"]);
  });

  test("a prefix reads a folder of the repository as the root", async () => {
    repo = await emptyRepo();
    await repo.write("platform/resources/a.yaml", "name: a\n");
    await repo.commit("nested");
    const fs = await gitRepoFs(repo.dir, simpleGit(repo.dir), await head(repo), "platform/");
    expect(await fs.listManifests(["resources"], [])).toEqual(["resources/a.yaml"]);
  });
});

describe("diffRevisions", () => {
  test("changes nothing in the work tree or the index", async () => {
    repo = await exampleRepo();
    await repo.commit("base", "base");
    await repo.write(
      "resources/analytics/orders-api.yaml",
      (await repo.read("resources/analytics/orders-api.yaml")).replace(
        "replicas: 2",
        "replicas: 3",
      ),
    );
    const before = await repo.git.raw(["status", "--porcelain=v1", "-uall"]);
    const outcome = await diffRevisions({ root: repo.dir, base: "base" });
    expect(outcome.ok).toBe(true);
    expect(await repo.git.raw(["status", "--porcelain=v1", "-uall"])).toBe(before);
    expect(before).toContain(" M resources/analytics/orders-api.yaml");
  });

  test("an unknown revision or a folder outside git is a value with a hint", async () => {
    repo = await exampleRepo();
    await repo.commit("base", "base");
    expect(await diffRevisions({ root: repo.dir, base: "no-such-branch" })).toMatchObject({
      ok: false,
      message: 'unknown revision "no-such-branch"',
    });
    expect(await diffRevisions({ root: repo.dir, base: "--output=x" })).toMatchObject({
      ok: false,
    });
  });

  test("each side compiles with its own stackyard.yaml: a config change is part of the diff", async () => {
    repo = await exampleRepo();
    await repo.commit("base", "base");
    await repo.write(
      "stackyard.yaml",
      (await repo.read("stackyard.yaml")).replace("className: nginx", "className: traefik"),
    );
    const outcome = await diffRevisions({ root: repo.dir, base: "base" });
    if (!outcome.ok) throw new Error(outcome.message);
    const changed = outcome.report.groups.flatMap((g) =>
      g.changes.map((c) => `${c.status} ${c.kind}`),
    );
    expect(changed.length).toBeGreaterThan(0);
    expect(new Set(changed)).toEqual(new Set(["changed Ingress"]));
  });

  test("a head that fails with errors the base had too lists them, and says neither compiles", async () => {
    repo = await exampleRepo();
    const file = "resources/analytics/orders-api.yaml";
    const typo = (await repo.read(file)).replace("replicas: 2", "replicas: many");
    await repo.write(file, typo);
    await repo.commit("base", "base");
    await repo.write(file, typo.replace("orders-api:3.2.0", "orders-api:3.3.0"));
    const outcome = await diffRevisions({ root: repo.dir, base: "base" });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.report.diagnostics.introduced).toEqual([]);
    expect(outcome.report.diagnostics.remaining.map((d) => `${d.file} ${d.severity}`)).toEqual([
      `${file} error`,
    ]);
    const text = renderText(outcome.report, { color: false });
    expect(text).toContain(
      "Objects are not compared: the base has 1 error and the head has 1 error, so neither compiles.",
    );
    expect(text).toMatch(
      /Errors already there \(1\)\n {2}resources\/analytics\/orders-api\.yaml:\d+:\d+ error /,
    );
  });
});
