import { mkdir, realpath, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoFileReader } from "../../src/discover/discover.js";
import { realPaths } from "../../src/discover/real-paths.js";
import { makeTempDir, removeDir, writeEntries } from "../robustness/temp-repo.js";

let repo: string;
let outside: string;

beforeAll(async () => {
  outside = await makeTempDir("realpaths-outside");
  await mkdir(path.join(outside, "deep"));
  await writeFile(path.join(outside, "secret.yaml"), "name: leaked\n");
  await writeFile(path.join(outside, "deep/secret.yaml"), "name: deep\n");
  repo = await makeTempDir("realpaths-repo");
  await writeEntries(repo, {
    "resources/a.yaml": "name: a\n",
    "resources/nested/b.yaml": "name: b\n",
    "shared/c.yaml": "name: c\n",
    "resources/c-link.yaml": { symlink: "../shared/c.yaml" },
    "resources/c-chain.yaml": { symlink: "c-link.yaml" },
    "resources/shared-dir": { symlink: "../shared" },
    "resources/outside-dir": { symlink: outside },
    "resources/to-outside-dir": { symlink: "outside-dir" },
    "resources/leak.yaml": { symlink: path.join(outside, "secret.yaml") },
    "resources/dangling.yaml": { symlink: "nowhere.yaml" },
  });
  // A folder inside the repository holding a link that leaves it.
  await symlink(path.join(outside, "deep"), path.join(repo, "shared/deep"));
});

afterAll(async () => {
  await Promise.all([removeDir(repo), removeDir(outside)]);
});

const EXISTING = [
  "resources/a.yaml",
  "resources/nested/b.yaml",
  "resources/nested",
  "resources/c-link.yaml",
  "resources/c-chain.yaml",
  "resources/shared-dir/c.yaml",
  "resources/shared-dir",
  "resources/outside-dir/secret.yaml",
  "resources/outside-dir/deep/secret.yaml",
  "resources/to-outside-dir/secret.yaml",
  "resources/shared-dir/deep/secret.yaml",
  "resources/leak.yaml",
  ".",
];

describe("realPaths agrees with realpath and stat", () => {
  it.each(EXISTING)("for %s", async (rel) => {
    const abs = path.resolve(repo, rel);
    const paths = realPaths(repo);
    // Twice on the same object: the second answer comes from the remembered folders.
    for (let i = 0; i < 2; i++) {
      const file = paths.file(abs);
      expect(file.real).toBe(await realpath(abs));
      expect(file.info.ino).toBe((await stat(abs)).ino);
      expect(file.info.isSymbolicLink()).toBe(false);
    }
    expect(paths.root()).toBe(await realpath(repo));
  });

  it("gives realpath's error for a dangling link and a missing file", () => {
    const paths = realPaths(repo);
    for (const rel of ["resources/dangling.yaml", "resources/missing.yaml", "missing/a.yaml"]) {
      expect(() => paths.file(path.resolve(repo, rel))).toThrow(
        expect.objectContaining({ code: "ENOENT" }),
      );
    }
  });

  it("answers the same for every path however many files one object has resolved", async () => {
    const paths = realPaths(repo);
    const answers = [...EXISTING, ...EXISTING].map((rel) => paths.file(path.resolve(repo, rel)));
    const expected = await Promise.all(
      [...EXISTING, ...EXISTING].map((rel) => realpath(path.resolve(repo, rel))),
    );
    expect(answers.map((a) => a.real)).toEqual(expected);
  });
});

describe("one reader for many files keeps the repository boundary", () => {
  const MAX = 1024 * 1024;
  const read = () => repoFileReader(repo);

  it("reads files inside, linked or not, in any order", async () => {
    const reader = read();
    for (const rel of [
      "resources/a.yaml",
      "resources/shared-dir/c.yaml",
      "shared/c.yaml",
      "resources/c-chain.yaml",
    ]) {
      expect(await reader(rel, MAX)).toMatchObject({ ok: true });
    }
  });

  it.each([
    "resources/leak.yaml",
    "resources/outside-dir/secret.yaml",
    "resources/outside-dir/deep/secret.yaml",
    "resources/to-outside-dir/secret.yaml",
    "resources/shared-dir/deep/secret.yaml",
    "shared/deep/secret.yaml",
  ])("refuses %s, also after reading its neighbours inside", async (rel) => {
    const reader = read();
    expect(await reader("resources/a.yaml", MAX)).toMatchObject({ ok: true });
    expect(await reader("shared/c.yaml", MAX)).toMatchObject({ ok: true });
    const result = await reader(rel, MAX);
    expect(!result.ok && result.diagnostic.code).toBe("PATH_OUTSIDE_REPO");
  });

  it("says a folder is not a regular file, and a dangling link does not exist", async () => {
    const reader = read();
    const folder = await reader("resources/nested", MAX);
    expect(!folder.ok && folder.diagnostic.code).toBe("FILE_UNREADABLE");
    const dangling = await reader("resources/dangling.yaml", MAX);
    expect(!dangling.ok && dangling.diagnostic.code).toBe("INCLUDE_NOT_FOUND");
  });
});
