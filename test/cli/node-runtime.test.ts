import { spawnSync } from "node:child_process";
import { chmod, lstat, mkdir, readdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { enableCompileCache, privateFolder } from "../../src/cli/compile-cache.js";
import { BASE_FILES, makeTempDir, removeDir, writeEntries } from "../robustness/temp-repo.js";
import { requireBundle, runStackyard } from "./run-stackyard.js";

requireBundle();

const BIN = path.resolve(import.meta.dirname, "../../bin/stackyard.js");
const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map(removeDir));
});

async function tempDir(): Promise<string> {
  const dir = await makeTempDir("node-runtime");
  temps.push(dir);
  return dir;
}

const uid = process.getuid?.();
const NAME = "stackyard-compile-cache";
const own = uid === undefined ? NAME : `${NAME}-${uid}`;

describe("privateFolder", () => {
  it("makes <name>-<uid> with mode 0700, and finds it again", async () => {
    const parent = await tempDir();
    const dir = privateFolder(parent, NAME);
    expect(dir).toBe(path.join(parent, own));
    if (uid !== undefined) expect((await lstat(dir!)).mode & 0o777).toBe(0o700);
    expect(privateFolder(parent, NAME)).toBe(dir);
  });

  it.skipIf(uid === undefined)(
    "refuses a folder others may write to, a symbolic link and a file",
    async () => {
      for (const make of [
        async (at: string) => {
          await mkdir(at);
          await chmod(at, 0o777);
        },
        async (at: string) => {
          await mkdir(`${at}-target`, { mode: 0o700 });
          await symlink(`${at}-target`, at);
        },
        (at: string) => writeFile(at, "not a folder\n"),
      ]) {
        const parent = await tempDir();
        await make(path.join(parent, own));
        expect(privateFolder(parent, NAME)).toBeUndefined();
      }
    },
  );

  it.skipIf(uid !== 0)("refuses a folder another account owns", async () => {
    const parent = await tempDir();
    const dir = path.join(parent, own);
    await mkdir(dir, { mode: 0o700 });
    spawnSync("chown", ["65534:65534", dir]);
    expect((await lstat(dir)).uid).toBe(65534);
    expect(privateFolder(parent, NAME)).toBeUndefined();
  });
});

describe("enableCompileCache", () => {
  it("turns Node's cache on in the private folder, unless Node's own settings say otherwise", async () => {
    const parent = await tempDir();
    const calls: string[] = [];
    const enable = (dir: string) => calls.push(dir);
    expect(enableCompileCache({}, enable, parent)).toBe(path.join(parent, own));
    expect(calls).toEqual([path.join(parent, own)]);
    expect(enableCompileCache({ NODE_COMPILE_CACHE: "/somewhere" }, enable, parent)).toBe(
      undefined,
    );
    expect(enableCompileCache({ NODE_DISABLE_COMPILE_CACHE: "1" }, enable, parent)).toBe(undefined);
    // Node 20: no such function.
    expect(enableCompileCache({}, undefined, parent)).toBeUndefined();
    expect(calls).toHaveLength(1);
  });

  it("leaves the cache off when the folder is not private", async () => {
    const parent = await tempDir();
    await mkdir(path.join(parent, own));
    await chmod(path.join(parent, own), 0o777);
    const calls: string[] = [];
    expect(enableCompileCache({}, (dir) => calls.push(dir), parent)).toBeUndefined();
    expect(calls).toEqual(uid === undefined ? [path.join(parent, own)] : []);
  });
});

/**
 * The Node that runs the CLI below: STACKYARD_TEST_NODE when set (a Node 22 binary, say, to
 * see the compile cache at work), else the one running the tests.
 */
const NODE = process.env.STACKYARD_TEST_NODE ?? process.execPath;
const nodeHasCompileCache =
  spawnSync(NODE, ["-p", "typeof require('node:module').enableCompileCache"], {
    encoding: "utf8",
  }).stdout.trim() === "function";

describe("the CLI under Node", () => {
  it("prints no deprecation warning of Node's (Node 20 with --pending-deprecation shows what Node 22 prints)", async () => {
    const repo = await tempDir();
    await writeEntries(repo, BASE_FILES);
    for (const command of ["build", "validate", "check"]) {
      const run = await runStackyard([command], {
        cwd: repo,
        env: { NODE_OPTIONS: "--pending-deprecation" },
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).not.toContain("DeprecationWarning");
    }
  }, 60_000);

  it("prints no process warning of a library's: yaml's for a collection as a key", async () => {
    const repo = await tempDir();
    await writeEntries(repo, {
      ...BASE_FILES,
      "resources/odd.yaml": "name: odd\nversion: v1\ntype: volume\n? [a, b]\n: c\n",
    });
    const run = await runStackyard(["validate"], { cwd: repo });
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/\(node:\d+\)|Warning:/);
    expect(run.stderr).toContain("resources/odd.yaml");
  }, 60_000);

  it.skipIf(!nodeHasCompileCache)(
    "keeps the compiled modules in the private folder of the temporary folder, where Node has a compile cache",
    async () => {
      const repo = await tempDir();
      const tmp = await tempDir();
      await writeEntries(repo, BASE_FILES);
      const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
      delete env.NODE_COMPILE_CACHE;
      delete env.NODE_DISABLE_COMPILE_CACHE;
      for (let i = 0; i < 2; i++) {
        const run = spawnSync(NODE, [BIN, "build"], { cwd: repo, env, encoding: "utf8" });
        expect(run.status, run.stderr).toBe(0);
        expect(run.stderr).not.toContain("Warning");
      }
      const [version] = await readdir(path.join(tmp, own));
      expect((await readdir(path.join(tmp, own, version!))).length).toBeGreaterThan(10);
    },
    60_000,
  );
});
