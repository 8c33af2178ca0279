import { execFile, spawn, spawnSync } from "node:child_process";
import { promisify } from "node:util";
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

const execFileAsync = promisify(execFile);
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

describe("temporary files left by a killed command", () => {
  it("are removed by the next write of that file when their process is gone, and no others", async () => {
    const dir = await tempDir();
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const names = {
      dead: `.settings.json.stackyard-${dead}-0123456789ab.tmp`,
      live: `.settings.json.stackyard-${process.pid}-0123456789ab.tmp`,
      otherFile: `.extensions.json.stackyard-${dead}-0123456789ab.tmp`,
      notOurs: `.settings.json.stackyard-notes.tmp`,
      deadCreate: `.stackyard.yaml.stackyard-${dead}-0123456789ab.tmp`,
    };
    for (const name of Object.values(names)) await writeFile(path.join(dir, name), "partial");
    await writeFile(path.join(dir, "settings.json"), "{}\n");
    expect(await writeIfChanged(path.join(dir, "settings.json"), '{ "a": 1 }\n')).toBe(true);
    expect(await createFile(path.join(dir, "stackyard.yaml"), "roots: [resources]\n")).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(
      [names.live, names.otherFile, names.notOurs, "settings.json", "stackyard.yaml"].sort(),
    );
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

/**
 * How to run the CLI as a user the permission bits hold back: this process when it is not
 * root; as root (CI machines), an unprivileged uid, if it can read the bundle from where this
 * checkout is; else undefined.
 */
function unprivileged(): { uid?: number; gid?: number } | undefined {
  if (process.getuid?.() !== 0) return {};
  const nobody = { uid: 65534, gid: 65534 };
  const probe = spawnSync(process.execPath, [BIN, "--version"], { ...nobody, stdio: "ignore" });
  return probe.status === 0 ? nobody : undefined;
}

/** Runs the CLI in `repo` as `as` (see unprivileged; `{}` is this process's user). */
function runAs(as: { uid?: number; gid?: number }, repo: string, args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: repo, encoding: "utf8", ...as });
}

describe("files that cannot be written", () => {
  const as = unprivileged();
  it.skipIf(as === undefined)(
    "fail a build with the system's message and a hint, not as a bug, and write nothing",
    async () => {
      // A repository the user may read but not write to: another user's folder (when this
      // process is root), or one without write permission.
      const repo = await tempDir();
      await writeEntries(repo, BASE_FILES);
      await chmod(repo, as!.uid === undefined ? 0o555 : 0o755);
      const run = runAs(as!, repo, ["build"]);
      await chmod(repo, 0o755);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^stackyard: EACCES: permission denied, /m);
      expect(run.stderr).toContain("hint: check the permissions of that path");
      expect(run.stderr).not.toContain("please report");
      expect((await readdir(repo)).sort()).toEqual(["resources", "stackyard.yaml"]);
    },
    60_000,
  );

  it.skipIf(as === undefined)(
    "is left as it is, and `stackyard schemas` says so instead of failing",
    async () => {
      const repo = await tempDir();
      await writeEntries(repo, { ...BASE_FILES, ".vscode/settings.json": "{}\n" });
      await chmod(path.join(repo, ".vscode/settings.json"), 0o444);
      if (as!.uid !== undefined)
        await execFileAsync("chown", ["-R", `${as!.uid}:${as!.gid}`, repo]);
      const run = runAs(as!, repo, ["schemas"]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain(
        ".vscode/settings.json cannot be written (EACCES), so it was left unchanged",
      );
      expect(await readFile(path.join(repo, ".vscode/settings.json"), "utf8")).toBe("{}\n");
      expect((await readdir(path.join(repo, ".vscode"))).sort()).toEqual([
        "extensions.json",
        "settings.json",
      ]);
    },
    60_000,
  );
});

describe("a folder under the roots that cannot be listed", () => {
  const as = unprivileged();
  // A plain exclude is listed by stackyard's own walk, a pattern by fast-glob.
  it.skipIf(as === undefined).each([
    ["a plain walk", "roots: [resources]\n"],
    ["fast-glob", 'roots: [resources]\nexclude: ["**/*.draft.yaml"]\n'],
  ])(
    "is FILE_UNREADABLE among the run's other errors, for build, validate and check (%s)",
    async (_, config) => {
      const repo = await tempDir();
      await writeEntries(repo, {
        ...BASE_FILES,
        "stackyard.yaml": config,
        "resources/locked/more.yaml": BASE_FILES["resources/web.yaml"]!.replace("web", "more"),
        "resources/typo.yaml": BASE_FILES["resources/web.yaml"]!.replace("web", "typo").replace(
          "stack: container",
          "stack: contaner",
        ),
      });
      if (as!.uid !== undefined)
        await execFileAsync("chown", ["-R", `${as!.uid}:${as!.gid}`, repo]);
      await chmod(path.join(repo, "resources/locked"), 0o000);
      for (const command of ["build", "validate", "check"]) {
        const run = runAs(as!, repo, [command]);
        expect(run.status, run.stderr).toBe(1);
        expect(run.stderr).toContain(
          "resources/locked error FILE_UNREADABLE resources/locked is a folder under the roots that cannot be listed (EACCES)",
        );
        expect(run.stderr).toContain('error UNKNOWN_STACK no stack is named "contaner"');
        expect(run.stderr).toContain("2 errors");
      }
      await chmod(path.join(repo, "resources/locked"), 0o755);
    },
    60_000,
  );
});

describe("a file where a command needs a folder", () => {
  it("ends `stackyard new` with the system's message and a hint, not as a bug", async () => {
    const repo = await tempDir();
    await writeEntries(repo, {
      "stackyard.yaml": "roots: [resources]\n",
      resources: "not a folder\n",
    });
    const run = runAs({}, repo, ["new", "service", "web"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^stackyard: EEXIST: file already exists, mkdir '.*resources'$/m);
    expect(run.stderr).toContain("hint: something is already at that path");
    expect(run.stderr).not.toContain("please report");
    expect(await readFile(path.join(repo, "resources"), "utf8")).toBe("not a folder\n");
  }, 60_000);
});

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
