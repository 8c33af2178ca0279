import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ignoredNextToOut, mergeGitignore } from "../../src/scaffold/gitignore.js";
import { requireBundle, runStackyard } from "./run-stackyard.js";

requireBundle();

const git = promisify(execFile);

describe("mergeGitignore", () => {
  it("gives the lines of stackyard's files, under a comment, to a repository without any", () => {
    const text = mergeGitignore(undefined, "out")!;
    expect(text.split("\n").filter((l) => !l.startsWith("#"))).toEqual([
      "/out.lock",
      "/out.lock.*",
      "/out.stackyard-*",
      "",
    ]);
    expect(mergeGitignore("", "out")).toBe(text);
  });

  it("keeps the user's lines first, and adds only the missing ones, once", () => {
    const mine = "node_modules/\n/out.lock\n";
    const merged = mergeGitignore(mine, "out")!;
    expect(merged.startsWith(`${mine}\n# stackyard:`)).toBe(true);
    expect(merged.endsWith("\n/out.lock.*\n/out.stackyard-*\n")).toBe(true);
    expect(mergeGitignore(merged, "out")).toBeUndefined();
  });

  it("ends a last line that has no newline, and reads CRLF files", () => {
    expect(mergeGitignore("dist", "out")!.startsWith("dist\n\n# stackyard:")).toBe(true);
    const crlf = "/out.lock\r\n/out.lock.*\r\n/out.stackyard-*\r\n";
    expect(mergeGitignore(crlf, "out")).toBeUndefined();
    // Lines added to a CRLF file end with CRLF too.
    const added = mergeGitignore("dist\r\n", "out")!;
    expect(added.startsWith("dist\r\n\r\n# stackyard:")).toBe(true);
    expect(added.replace(/\r\n/g, "").includes("\n")).toBe(false);
  });

  it("anchors the patterns at the out dir, wherever it is", () => {
    expect(ignoredNextToOut("deploy/out")).toEqual([
      "/deploy/out.lock",
      "/deploy/out.lock.*",
      "/deploy/out.stackyard-*",
    ]);
    expect(ignoredNextToOut("./rendered/")).toEqual([
      "/rendered.lock",
      "/rendered.lock.*",
      "/rendered.stackyard-*",
    ]);
  });
});

describe("stackyard init and .gitignore", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "stackyard-gitignore-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** What git ignores of `paths` in `repo` (git check-ignore). */
  async function ignored(repo: string, paths: string[]): Promise<string[]> {
    const { stdout } = await git("git", ["check-ignore", ...paths], { cwd: repo }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }),
    );
    return stdout.split("\n").filter(Boolean).sort();
  }

  it("makes git ignore the lock and the folders a build writes out/ through, not out/", async () => {
    const init = await runStackyard(["init"], { cwd: dir });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toMatch(/created a stackyard repository here: .*\.gitignore/);
    await git("git", ["init", "-q"], { cwd: dir });
    const next = [
      "out.lock",
      "out.lock.4242.0a1b2c3d.00ff00ff00ff",
      "out.stackyard-tmp-0a1b2c3d4e5f/shop/web.yaml",
      "out.stackyard-patching-0a1b2c3d4e5f",
    ];
    const owned = ["out/kustomization.yaml", "out/shop/deployment-web.yaml"];
    expect(await ignored(dir, [...next, ...owned])).toEqual([...next].sort());
  });

  it("adds its lines to a .gitignore the user has, keeping theirs", async () => {
    await writeFile(path.join(dir, ".gitignore"), "node_modules/\n");
    const init = await runStackyard(["init"], { cwd: dir });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toContain("added stackyard's lines to the existing .gitignore");
    const text = await readFile(path.join(dir, ".gitignore"), "utf8");
    expect(text.startsWith("node_modules/\n\n# stackyard:")).toBe(true);
    expect(text).toContain("/out.stackyard-*\n");
  });
});
