import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderExcerpt } from "../../src/diagnostics/excerpt.js";
import { discoverManifests, readRepoFile } from "../../src/discover/discover.js";
import { makeTempDir, removeDir, writeEntries } from "./temp-repo.js";

let repo: string;
let outside: string;

beforeAll(async () => {
  outside = await makeTempDir("boundary-outside");
  await writeFile(path.join(outside, "secret.yaml"), "name: leaked\n");
  repo = await makeTempDir("boundary-repo");
  await writeEntries(repo, {
    "resources/a.yaml": "name: a\n",
    "shared/b.yaml": "name: b\n",
    "resources/b-link.yaml": { symlink: "../shared/b.yaml" },
    "resources/leak.yaml": { symlink: path.join(outside, "secret.yaml") },
    "resources/linked-outside": { symlink: outside },
    "resources/linked-inside": { symlink: "../shared" },
    "resources/dangling.yaml": { symlink: "nowhere.yaml" },
    "resources/notes.txt": "not a manifest\n",
  });
});

afterAll(async () => {
  await Promise.all([removeDir(repo), removeDir(outside)]);
});

describe("discovery never follows a link, and never hides one that leaves the repository", () => {
  it("lists files, linked manifests and links to folders outside, but enters no linked folder", async () => {
    expect(await discoverManifests(repo, ["resources"], [])).toEqual([
      "resources/a.yaml",
      "resources/b-link.yaml",
      "resources/dangling.yaml",
      "resources/leak.yaml",
      "resources/linked-outside",
    ]);
  });
});

describe("reading a repository file", () => {
  const MAX = 1024 * 1024;

  it("reads a link that stays inside the repository", async () => {
    expect(await readRepoFile(repo, "resources/b-link.yaml", MAX)).toEqual({
      ok: true,
      text: "name: b\n",
    });
  });

  it.each([
    ["a link to a file outside", "resources/leak.yaml"],
    ["a link to a folder outside", "resources/linked-outside"],
    ["a path through a linked folder outside", "resources/linked-outside/secret.yaml"],
  ])("refuses %s", async (_what, rel) => {
    const read = await readRepoFile(repo, rel, MAX);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.diagnostic.code).toBe("PATH_OUTSIDE_REPO");
  });

  it("says a dangling link does not exist", async () => {
    const read = await readRepoFile(repo, "resources/dangling.yaml", MAX);
    expect(!read.ok && read.diagnostic.code).toBe("INCLUDE_NOT_FOUND");
  });
});

describe("excerpts of very long lines", () => {
  it("show a window around the caret, marked with ellipses", () => {
    const line = `${"[".repeat(5000)}x${"]".repeat(5000)}`;
    const excerpt = renderExcerpt(line, 5000, 5001);
    expect(excerpt.text.length).toBeLessThanOrEqual(162);
    expect(excerpt.text.startsWith("…")).toBe(true);
    expect(excerpt.text.endsWith("…")).toBe(true);
    expect(excerpt.text[excerpt.caretStart]).toBe("x");
    expect(excerpt.caretWidth).toBe(1);
  });

  it("keep short lines whole", () => {
    expect(renderExcerpt("name: web", 6, 9)).toEqual({
      text: "name: web",
      caretStart: 6,
      caretWidth: 3,
    });
  });
});
