import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { requireBundle } from "./run-stackyard.js";

requireBundle();

const BIN = path.resolve(import.meta.dirname, "../../bin/stackyard.js");
const WORKER = (image: string) => `name: feed
version: v1beta
type: worker
workspace: shop
worker:
  stack: container:1.0
  compute: runnable-default
  stackSpec:
    image: ghcr.io/acme/feed:${image}
`;

/** A `stackyard build --watch` process and everything it has printed so far. */
interface Watching {
  child: ChildProcess;
  output: () => string;
  /** Resolves once the output (after `from`) matches, or rejects after a timeout. */
  waitFor: (pattern: RegExp, from?: number) => Promise<number>;
}

function startWatch(cwd: string, extra: string[] = []): Watching {
  const child = spawn(process.execPath, [BIN, "build", "--watch", ...extra], {
    cwd,
    env: { ...process.env, NO_COLOR: "1" },
  });
  let text = "";
  child.stdout!.on("data", (d: Buffer) => (text += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (text += d.toString()));
  const waitFor = (pattern: RegExp, from = 0) =>
    new Promise<number>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const m = pattern.exec(text.slice(from));
        if (m) {
          clearInterval(poll);
          resolve(from + m.index + m[0].length);
        } else if (Date.now() - started > 20_000) {
          clearInterval(poll);
          reject(new Error(`timed out waiting for ${pattern}; output so far:\n${text}`));
        }
      }, 50);
    });
  return { child, output: () => text, waitFor };
}

let repo: string;
let watching: Watching | undefined;
beforeEach(async () => {
  repo = await mkdtemp(path.join(tmpdir(), "stackyard-watch-"));
  await mkdir(path.join(repo, "resources"));
  await writeFile(path.join(repo, "stackyard.yaml"), "roots: [resources]\n");
  await writeFile(path.join(repo, "resources/feed.yaml"), WORKER("1.0.0"));
});
afterEach(async () => {
  watching?.child.kill("SIGKILL");
  watching = undefined;
  await rm(repo, { recursive: true, force: true });
});

async function stop(w: Watching): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) =>
    w.child.on("exit", (code) => resolve(code)),
  );
  w.child.kill("SIGINT");
  return exited;
}

describe.each([
  ["events", []],
  ["polling", ["--poll"]],
] as const)("stackyard build --watch (%s)", (mode, extra) => {
  it("rebuilds on change, prints only what changed, survives a broken save, stops on Ctrl-C", async () => {
    const w = (watching = startWatch(repo, [...extra]));
    let at = await w.waitFor(new RegExp(`watching resources and stackyard.yaml \\(${mode}\\)`));

    await writeFile(path.join(repo, "resources/feed.yaml"), WORKER("1.1.0"));
    at = await w.waitFor(/built 1 resource .*\n/, at);
    const change = w.output().slice(0, at);
    expect(change).toContain("changed: resources/feed.yaml");
    expect(change).toContain("  ~ out/default/shop/worker-feed/deployment-feed-d.yaml");
    expect(change).not.toContain("serviceaccount"); // unchanged files are not listed

    await writeFile(path.join(repo, "resources/feed.yaml"), "name: feed\nworker: [\n");
    at = await w.waitFor(/out\/ unchanged; watching for the fix\n/, at);
    expect(w.output()).toContain("error YAML_SYNTAX");

    await writeFile(path.join(repo, "resources/feed.yaml"), WORKER("1.1.0"));
    at = await w.waitFor(/built 1 resource .*\n/, at);
    expect(w.output().slice(0, at)).toContain("no file in out/ changed");

    expect(await stop(w)).toBe(0);
  });

  it("hears every save made by a rename (sed -i, vim), and files in a folder made later", async () => {
    const w = (watching = startWatch(repo, [...extra]));
    let at = await w.waitFor(/watching resources/);
    // sed -i writes a new file and renames it over the old one, as most editors save.
    for (const [from, to] of [
      ["1.0.0", "2.0.0"],
      ["2.0.0", "2.1.0"],
      ["2.1.0", "2.2.0"],
    ]) {
      // A pause between saves, as a person takes: with it, Node 20's recursive watch on Linux
      // heard only the first of these saves (without it, it happened to hear them all).
      await new Promise((r) => setTimeout(r, 1500));
      const sed = spawnSync("sed", ["-i", `s/feed:${from}/feed:${to}/`, "resources/feed.yaml"], {
        cwd: repo,
      });
      expect(sed.status).toBe(0);
      at = await w.waitFor(/built 1 resource .*\n/, at);
      expect(w.output().slice(0, at)).toMatch(/changed: [^\n]*resources\/feed\.yaml/);
    }
    await mkdir(path.join(repo, "resources/team/more"), { recursive: true });
    await writeFile(
      path.join(repo, "resources/team/more/other.yaml"),
      WORKER("3.0.0").replace("name: feed", "name: other"),
    );
    at = await w.waitFor(/built 2 resources .*\n/, at);
    expect(await stop(w)).toBe(0);
  });
});

describe("stackyard build --watch's changed: note", () => {
  it("names the files that matter, not an editor's or sed's temporary ones", async () => {
    await writeFile(
      path.join(repo, "resources/other.yaml"),
      WORKER("1.0.0").replace("name: feed", "name: other"),
    );
    await mkdir(path.join(repo, "resources/team"));
    await writeFile(
      path.join(repo, "resources/team/third.yaml"),
      WORKER("1.0.0").replace("name: feed", "name: third"),
    );
    const w = (watching = startWatch(repo));
    let at = await w.waitFor(/watching resources/);
    // A vim save: a probe file, a backup, the swap file (kept while editing); then sed -i,
    // which writes sedXXXXXX and renames it over the file.
    await writeFile(path.join(repo, "resources/4913"), "");
    await rm(path.join(repo, "resources/4913"));
    await writeFile(path.join(repo, "resources/feed.yaml~"), WORKER("1.0.0"));
    await writeFile(path.join(repo, "resources/.feed.yaml.swp"), "swap");
    const sed = spawnSync("sed", ["-i", "s/feed:1.0.0/feed:2.0.0/", "resources/feed.yaml"], {
      cwd: repo,
    });
    expect(sed.status).toBe(0);
    await rm(path.join(repo, "resources/feed.yaml~"));
    at = await w.waitFor(/built 3 resources .*\n/, at);
    expect(w.output().slice(0, at)).toMatch(/\nchanged: resources\/feed\.yaml\n/);

    // A deleted manifest, and a folder of them moved away, are changes.
    await rm(path.join(repo, "resources/other.yaml"));
    await rename(path.join(repo, "resources/team"), path.join(repo, "team-moved"));
    at = await w.waitFor(/built 1 resource .*\n/, at);
    expect(w.output().slice(0, at)).toMatch(/\nchanged: resources\/other\.yaml, resources\/team\n/);
    expect(await stop(w)).toBe(0);
  });
});
