import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdir, stat, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../fixtures/seeded-random.js";
import { recoverOutput } from "../../src/emit/index.js";
import { requireBundle, runStackyard } from "../cli/run-stackyard.js";
import { copyRepo, makeTempDir, removeDir, snapshotTree, writeEntries } from "./temp-repo.js";

requireBundle();

const BIN = path.resolve(import.meta.dirname, "../../bin/stackyard.js");
/** The same kill points every run; change it to explore others. */
const SEED = 0x5eed_2026;
const ITERATIONS = 12;

/**
 * Version A of a repository and two versions after it. B changes every image, drops five
 * workers and adds five, so its out/ differs from A's in most files: a build swaps in a new
 * tree. C changes one image and drops one worker: a build patches out/ in place.
 */
function repoVersion(version: "a" | "b" | "c"): Record<string, string> {
  const files: Record<string, string> = { "stackyard.yaml": "roots: [resources]\n" };
  const ranges: Record<typeof version, [number, number]> = { a: [0, 30], b: [5, 35], c: [0, 29] };
  const [from, to] = ranges[version];
  for (let i = from; i < to; i++) {
    const tag = version === "b" || (version === "c" && i === 7) ? "2.0.0" : "1.0.0";
    files[`resources/w${i}.yaml`] = `name: w${i}
version: v1beta
type: worker
workspace: shop
worker:
  stack: container
  compute: runnable-default
  resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m, memory: 256Mi}}
  stackSpec:
    image: ghcr.io/acme/w${i}:${tag}
`;
  }
  return files;
}

type Tree = Record<string, string>;
let treeA: Tree;
let treeB: Tree;
let treeC: Tree;
/** A repository holding version B's sources over version A's out/. */
let seeded: string;
/** A repository holding version C's sources over version A's out/. */
let seededC: string;
/** How long one whole build of B took here: kill points are spread over it. */
let buildMs: number;
const temps: string[] = [];

beforeAll(async () => {
  const refB = await makeTempDir("crash-ref-b");
  const refC = await makeTempDir("crash-ref-c");
  seeded = await makeTempDir("crash-seeded");
  temps.push(refB, refC, seeded);
  await writeEntries(refB, repoVersion("b"));
  const started = Date.now();
  expect((await runStackyard(["build"], { cwd: refB })).code).toBe(0);
  buildMs = Date.now() - started;
  treeB = await snapshotTree(path.join(refB, "out"));
  await writeEntries(refC, repoVersion("c"));
  expect((await runStackyard(["build"], { cwd: refC })).code).toBe(0);
  treeC = await snapshotTree(path.join(refC, "out"));
  await writeEntries(seeded, repoVersion("a"));
  expect((await runStackyard(["build"], { cwd: seeded })).code).toBe(0);
  treeA = await snapshotTree(path.join(seeded, "out"));
  seededC = await copyRepo(seeded, "crash-seeded-c");
  temps.push(seededC);
  for (const [repo, version] of [
    [seeded, "b"],
    [seededC, "c"],
  ] as const) {
    await removeDir(path.join(repo, "resources"));
    await writeEntries(repo, repoVersion(version));
  }
  expect(treeA).not.toEqual(treeB);
  expect(treeA).not.toEqual(treeC);
});

afterAll(async () => {
  await Promise.all(temps.map(removeDir));
});

/** What is in out/ now: the tree, or undefined when there is no out/ at all. */
async function outTree(repo: string): Promise<Tree | undefined> {
  try {
    await stat(path.join(repo, "out"));
  } catch {
    return undefined;
  }
  return snapshotTree(path.join(repo, "out"));
}

function whichTree(tree: Tree | undefined, next: Tree = treeB): "A" | "new" | "missing" | "a mix" {
  if (tree === undefined) return "missing";
  if (JSON.stringify(tree) === JSON.stringify(treeA)) return "A";
  if (JSON.stringify(tree) === JSON.stringify(next)) return "new";
  return "a mix";
}

/** A build phase, marked by a sibling of out/ of that kind appearing. */
type Phase = "tmp" | "old" | "patch" | "patching";

/** When to kill: a delay after start, or after out/ gets a sibling of a kind (a build phase). */
type KillPoint = { after: "start" | Phase; delayMs: number };

/** Resolves once out/ has a sibling `out.stackyard-<kind>-*`, or the build is over. */
async function siblingAppears(repo: string, kind: Phase, done: () => boolean): Promise<void> {
  while (!done()) {
    const names = await readdir(repo);
    if (names.some((n) => n.startsWith(`out.stackyard-${kind}-`))) return;
    await new Promise((r) => setImmediate(r));
  }
}

/**
 * Starts `stackyard build` in `repo` and SIGKILLs it at `point`: some time into the run, while
 * it stages the new tree (`tmp`), as it swaps the trees (`old`: out/ was just renamed away),
 * once a patch is complete (`patch`) or while it is applied (`patching`: out/ renamed away).
 */
function buildAndKill(repo: string, point: KillPoint): Promise<NodeJS.Signals | number | null> {
  const child = spawn(process.execPath, [BIN, "build"], { cwd: repo, stdio: "ignore" });
  let exited = false;
  const exit = new Promise<NodeJS.Signals | number | null>((resolve) => {
    child.once("exit", (code, signal) => {
      exited = true;
      resolve(signal ?? code);
    });
  });
  const phase =
    point.after === "start" ? Promise.resolve() : siblingAppears(repo, point.after, () => exited);
  void phase.then(() =>
    point.delayMs < 1
      ? child.kill("SIGKILL")
      : setTimeout(() => child.kill("SIGKILL"), point.delayMs),
  );
  return exit;
}

/** The i-th kill point: the phases in turn, each at a seeded random moment. */
function killPoint(i: number, phases: readonly Phase[], random: () => number): KillPoint {
  const after = (["start", ...phases] as const)[i % (phases.length + 1)]!;
  const delayMs =
    after === "start" ? random() * buildMs * 1.2 : after === "tmp" ? random() * 40 : random() * 2;
  return { after, delayMs };
}

/** Builds `seededRepo` again and again, killed at points of `phases`; `next` is its new out/. */
async function killBuilds(
  seededRepo: string,
  next: Tree,
  phases: readonly Phase[],
  seed: number,
): Promise<void> {
  const random = seededRandom(seed);
  const outcomes: string[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const point = killPoint(i, phases, random);
    const repo = await copyRepo(seededRepo, `crash-${seed}-${i}`);
    temps.push(repo);
    const ended = await buildAndKill(repo, point);
    const asIs = whichTree(await outTree(repo), next);
    expect(
      asIs,
      `iteration ${i}, killed ${point.delayMs.toFixed(1)} ms after ${point.after}`,
    ).not.toBe("a mix");
    // What the next run's recovery makes of the leftovers, before it builds anything.
    await recoverOutput(path.join(repo, "out"));
    const recovered = whichTree(await outTree(repo), next);
    expect(["A", "new"], `iteration ${i}: after recovery`).toContain(recovered);
    if (asIs !== "missing") expect(recovered).toBe(asIs);
    // And the next build finishes the job, leaving no staged trees and no lock behind.
    const again = await runStackyard(["build"], { cwd: repo });
    expect(again.code, again.stderr).toBe(0);
    expect(whichTree(await outTree(repo), next)).toBe("new");
    expect((await readdir(repo)).filter((n) => n.startsWith("out."))).toEqual([]);
    outcomes.push(`${String(ended)}:${asIs}`);
  }
  // The test proves something only if builds were really killed mid-way.
  expect(outcomes.some((o) => o.startsWith("SIGKILL"))).toBe(true);
}

describe("a build killed at any point", () => {
  it("leaves out/ as the old tree or the new tree, never a mix", async () => {
    await killBuilds(seeded, treeB, ["tmp", "old"], SEED);
  }, 300_000);

  it("does so too when the build patches out/ in place (a small change)", async () => {
    await killBuilds(seededC, treeC, ["patch", "patching"], SEED + 1);
  }, 300_000);
});

describe("two builds at once", () => {
  it("the second is refused with a clear message while the first holds the lock", async () => {
    const repo = await copyRepo(seeded, "locked");
    temps.push(repo);
    // This test process stands in for a build that is running: alive, on this host.
    const holder = {
      pid: process.pid,
      hostname: hostname(),
      token: randomBytes(8).toString("hex"),
    };
    await writeFile(path.join(repo, "out.lock"), `${JSON.stringify(holder)}\n`);
    const run = await runStackyard(["build"], { cwd: repo });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/OUTPUT_LOCKED/);
    expect(run.stderr).toContain(
      `another stackyard build (process ${process.pid} on ${hostname()})`,
    );
    expect(run.stderr).toMatch(/out\.lock/);
    expect(whichTree(await outTree(repo))).toBe("A");
  });

  it("never interleave: each finishes or is refused, and out/ is the new tree", async () => {
    for (let round = 0; round < 3; round++) {
      const repo = await copyRepo(seeded, `race-${round}`);
      temps.push(repo);
      const runs = await Promise.all([
        runStackyard(["build"], { cwd: repo }),
        runStackyard(["build"], { cwd: repo }),
      ]);
      for (const run of runs) {
        if (run.code !== 0) {
          expect(run.code).toBe(1);
          expect(run.stderr).toMatch(/OUTPUT_LOCKED/);
        }
      }
      expect(runs.some((r) => r.code === 0)).toBe(true);
      expect(whichTree(await outTree(repo))).toBe("new");
      expect((await readdir(repo)).filter((n) => n.startsWith("out."))).toEqual([]);
    }
  }, 120_000);
});

/**
 * Starts `stackyard build` in `repo` and sends it `signals`, one after the other, as soon as
 * out/ has a sibling of kind `phase`: the build is then writing out/ under its lock.
 */
async function buildAndSignal(
  repo: string,
  phase: Phase,
  signals: readonly NodeJS.Signals[],
): Promise<{ ended: NodeJS.Signals | number | null; signalled: boolean; stderr: string }> {
  const child = spawn(process.execPath, [BIN, "build"], { cwd: repo, stdio: "pipe" });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  const exit = new Promise<NodeJS.Signals | number | null>((resolve) => {
    child.once("exit", (code, signal) => {
      exited = true;
      resolve(signal ?? code);
    });
  });
  await siblingAppears(repo, phase, () => exited);
  const signalled = !exited && signals.every((s) => child.kill(s));
  const ended = await exit;
  return { ended, signalled, stderr };
}

describe("a build stopped by a signal while it writes out/", () => {
  const cases = [
    { signal: "SIGINT", phase: "tmp", version: "b" },
    { signal: "SIGTERM", phase: "old", version: "b" },
    { signal: "SIGINT", phase: "patch", version: "c" },
    { signal: "SIGHUP", phase: "patching", version: "c" },
  ] as const;

  it("finishes the write (out/ is the new tree, no lock left), then dies of the signal", async () => {
    const ended: string[] = [];
    for (const { signal, phase, version } of cases) {
      for (let round = 0; round < 3; round++) {
        const repo = await copyRepo(version === "b" ? seeded : seededC, `signal-${phase}-${round}`);
        temps.push(repo);
        const run = await buildAndSignal(repo, phase, [signal]);
        const what = `${signal} after ${phase}, round ${round}: ${String(run.ended)}\n${run.stderr}`;
        expect(whichTree(await outTree(repo), version === "b" ? treeB : treeC), what).toBe("new");
        expect(
          (await readdir(repo)).filter((n) => n.startsWith("out.")),
          what,
        ).toEqual([]);
        if (run.ended === signal) {
          expect(run.stderr, what).toContain(`${signal}: finishing the write of out/ first`);
          ended.push(`${signal}/${phase}`);
        } else {
          // The build was over before the signal was sent.
          expect([run.ended, run.signalled], what).toEqual([0, false]);
        }
      }
    }
    // The test proves something only if builds were stopped mid-write.
    expect(ended.length, ended.join(", ")).toBeGreaterThan(0);
  }, 120_000);

  it("stops at once on a second signal, leaving what the next build repairs", async () => {
    const repo = await copyRepo(seeded, "signal-twice");
    temps.push(repo);
    const run = await buildAndSignal(repo, "tmp", ["SIGINT", "SIGINT"]);
    if (run.signalled) expect(run.ended).toBe("SIGINT");
    await recoverOutput(path.join(repo, "out"));
    expect(["A", "new"]).toContain(whichTree(await outTree(repo)));
    const again = await runStackyard(["build"], { cwd: repo });
    expect(again.code, again.stderr).toBe(0);
    expect(whichTree(await outTree(repo))).toBe("new");
  });
});
