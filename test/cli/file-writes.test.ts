import { spawn } from "node:child_process";
import {
  chmod,
  lstat,
  readdir,
  readFile,
  readlink,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFile, writeIfChanged } from "../../src/cli/file-writes.js";
import {
  BASE_FILES,
  copyRepo,
  makeTempDir,
  removeDir,
  writeEntries,
} from "../robustness/temp-repo.js";
import { requireBundle, runStackyard } from "./run-stackyard.js";

requireBundle();

const BIN = path.resolve(import.meta.dirname, "../../bin/stackyard.js");
const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map(removeDir));
});

async function tempDir(): Promise<string> {
  const dir = await makeTempDir("file-writes");
  temps.push(dir);
  return dir;
}

describe("createFile", () => {
  it("creates the file with its folders, and leaves nothing else behind", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "a/b/stackyard.yaml");
    expect(await createFile(file, "roots: [resources]\n")).toBe(true);
    expect(await readFile(file, "utf8")).toBe("roots: [resources]\n");
    expect(await readdir(path.dirname(file))).toEqual(["stackyard.yaml"]);
  });

  it("never replaces a file that exists, and leaves nothing else behind", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "mine.yaml");
    await writeFile(file, "my work\n");
    expect(await createFile(file, "scaffold\n")).toBe(false);
    expect(await readFile(file, "utf8")).toBe("my work\n");
    expect(await readdir(dir)).toEqual(["mine.yaml"]);
  });
});

describe("writeIfChanged", () => {
  it("writes only a different text, keeping the file's mode", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "settings.json");
    await writeFile(file, "{}\n");
    await chmod(file, 0o600);
    expect(await writeIfChanged(file, "{}\n")).toBe(false);
    expect(await writeIfChanged(file, '{ "a": 1 }\n')).toBe(true);
    expect(await readFile(file, "utf8")).toBe('{ "a": 1 }\n');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(["settings.json"]);
  });

  it("replaces the target of a symbolic link, and the link stays", async () => {
    const dir = await tempDir();
    const target = path.join(dir, "dotfiles-settings.json");
    const link = path.join(dir, "settings.json");
    await writeFile(target, "{}\n");
    await symlink(target, link);
    expect(await writeIfChanged(link, '{ "b": 2 }\n')).toBe(true);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(target);
    expect(await readFile(target, "utf8")).toBe('{ "b": 2 }\n');
  });
});

/**
 * A user's settings file large enough that writing it takes a while: `stackyard schemas`
 * merges its own keys into it.
 */
function bigSettings(): string {
  const exclude: Record<string, boolean> = {};
  for (let i = 0; i < 200_000; i++) exclude[`**/generated-${i}/**`] = true;
  return `${JSON.stringify({ "editor.tabSize": 2, "files.exclude": exclude }, null, 2)}\n`;
}

/** Runs `stackyard schemas` in `repo`, SIGKILLed as soon as settings.json is seen to change. */
async function schemasKilledMidWrite(repo: string, settings: string): Promise<void> {
  const before = await stat(settings);
  const child = spawn(process.execPath, [BIN, "schemas"], { cwd: repo, stdio: "ignore" });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exit.then(() => (exited = true));
  while (!exited) {
    const now = await stat(settings).catch(() => undefined);
    if (now === undefined || now.size !== before.size || now.mtimeMs !== before.mtimeMs) {
      child.kill("SIGKILL");
      break;
    }
    await new Promise((r) => setImmediate(r));
  }
  await exit;
}

describe("a command killed while it rewrites a user's file", () => {
  it("leaves the old file or the new one, never a short one (`stackyard schemas`, settings.json)", async () => {
    const seeded = await tempDir();
    const original = bigSettings();
    await writeEntries(seeded, { ...BASE_FILES, ".vscode/settings.json": original });
    const reference = await copyRepo(seeded, "file-writes-ref");
    temps.push(reference);
    const run = await runStackyard(["schemas"], { cwd: reference });
    expect(run.code, run.stderr).toBe(0);
    const merged = await readFile(path.join(reference, ".vscode/settings.json"), "utf8");
    expect(merged).not.toBe(original);

    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const repo = await copyRepo(seeded, `file-writes-${i}`);
      temps.push(repo);
      const settings = path.join(repo, ".vscode/settings.json");
      await schemasKilledMidWrite(repo, settings);
      const text = await readFile(settings, "utf8");
      const state = text === original ? "old" : text === merged ? "new" : `${text.length} bytes`;
      outcomes.push(state);
      expect(["old", "new"], `run ${i}`).toContain(state);
    }
    // Each run was killed once the file had changed: the new text, whole.
    expect(outcomes).toContain("new");
  }, 120_000);
});
