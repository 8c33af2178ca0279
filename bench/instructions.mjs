// Compares two builds of the CLI by the instructions they execute, under valgrind's callgrind:
// a count moves by about 0.5% from run to run whatever else the machine is doing, where wall
// time on a shared 2-core VM moves by 30% from one hour to the next. Use it to decide whether
// a change to the compiler pays, before `npm run bench` measures seconds.
//
//   node bench/instructions.mjs --base DIR [--head dist] [--size 1000]
//                               [--scenario cold|noop|one-changed|validate-edited|one-resource]
//
// --base and --head are bundles (`node scripts/bundle.mjs --outdir DIR` of each side; the
// base is typically a `git stash` or `git worktree` of main). Each side runs once, on its own
// copy of the same generated repository, after an unmeasured run that leaves the state the
// scenario starts from. Node runs with V8 single-threaded (see V8_FLAGS): the garbage
// collector's and the compiler's work is counted on the main thread. The kernel's (system
// calls) is not counted. A 1,000-resource cold build takes about 4 minutes per side.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateRepo, resourcePath, resourceText } from "./lib/generate-repo.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values: opts } = parseArgs({
  options: {
    base: { type: "string" },
    head: { type: "string", default: "dist" },
    size: { type: "string", default: "1000" },
    scenario: { type: "string", default: "cold" },
  },
});
if (opts.base === undefined) {
  process.stderr.write(
    "usage: node bench/instructions.mjs --base DIR [--head DIR] [--size N] [--scenario S]\n",
  );
  process.exit(2);
}
if (spawnSync("valgrind", ["--version"], { stdio: "ignore" }).status !== 0) {
  process.stderr.write("valgrind is not installed (Debian: apt-get install valgrind)\n");
  process.exit(2);
}

/**
 * V8 without its own threads (concurrent compilation, parallel and concurrent garbage
 * collection): what they do depends on timing, and so did the count, by up to 6% between two
 * runs of one bundle. Worker threads of stackyard's own still run.
 */
const V8_FLAGS = ["--single-threaded"];

/** The resource a one-change build edits: a workflow, as bench/run.mjs edits. */
const CHANGED = Math.floor(Number(opts.size) / 2) + 7;

/** What runs before the measured command (unmeasured), and the command's arguments. */
const SCENARIOS = {
  cold: {
    prepare: (repo) => rmSync(path.join(repo, "out"), { recursive: true, force: true }),
    args: ["build"],
  },
  noop: { prepare: (repo, bin) => run(bin, repo, ["build"]), args: ["build"] },
  "one-changed": {
    prepare: (repo, bin) => {
      run(bin, repo, ["build"]);
      writeFileSync(path.join(repo, resourcePath(CHANGED)), resourceText(CHANGED, 1));
    },
    args: ["build"],
  },
  "validate-edited": {
    prepare: (repo, bin) => {
      run(bin, repo, ["build"]);
      writeFileSync(path.join(repo, resourcePath(3)), resourceText(3, 1));
    },
    args: ["validate", resourcePath(3)],
  },
  "one-resource": {
    size: 1,
    prepare: (repo) => rmSync(path.join(repo, "out"), { recursive: true, force: true }),
    args: ["build"],
  },
};
const scenario = SCENARIOS[opts.scenario];
if (scenario === undefined) {
  process.stderr.write(`unknown scenario ${opts.scenario}: ${Object.keys(SCENARIOS).join(", ")}\n`);
  process.exit(2);
}

const size = scenario.size ?? Number(opts.size);
const work = mkdtempSync(
  path.join(existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir(), "stackyard-instr-"),
);
try {
  const template = path.join(work, "repo");
  mkdirSync(template);
  generateRepo(template, size);
  // A minute old, as a repository's files are: inputs read within 2 s of their last change are
  // racy, and the build cache hashes them again at every lookup (see build-cache.ts).
  const past = new Date(Date.now() - 60_000);
  for (const entry of readdirSync(template, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) utimesSync(path.join(entry.parentPath, entry.name), past, past);
  const counts = {};
  for (const [side, dist] of [
    ["base", opts.base],
    ["head", opts.head],
  ]) {
    // Inside the repository, where the built-in stacks are found, as bench/run.mjs does.
    const snapshot = path.join(
      ROOT,
      "node_modules/.cache/stackyard-bench",
      `instr-${process.pid}-${side}`,
    );
    cpSync(path.resolve(ROOT, dist), snapshot, { recursive: true });
    const bin = path.join(snapshot, "stackyard.js");
    const repo = path.join(work, side);
    cpSync(template, repo, { recursive: true, preserveTimestamps: true });
    try {
      scenario.prepare(repo, bin);
      counts[side] = instructions(bin, repo, scenario.args);
    } finally {
      rmSync(snapshot, { recursive: true, force: true });
    }
    process.stderr.write(`${side} (${dist}): ${counts[side].toLocaleString("en")} instructions\n`);
  }
  const change = ((counts.head / counts.base - 1) * 100).toFixed(1);
  console.log(
    `${opts.scenario}, ${size} resource${size === 1 ? "" : "s"}: base ${counts.base.toLocaleString("en")}, head ${counts.head.toLocaleString("en")} instructions (${change.startsWith("-") ? "" : "+"}${change}%)`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

function run(bin, repo, args) {
  const r = spawnSync(process.execPath, [bin, ...args, "-C", repo], { encoding: "utf8" });
  if (r.status !== 0 && r.status !== 1) throw new Error(`stackyard ${args.join(" ")}: ${r.stderr}`);
}

/** The instructions of one run under callgrind, all threads together. */
function instructions(bin, repo, args) {
  const out = path.join(work, "callgrind.out");
  const r = spawnSync(
    "valgrind",
    [
      "--tool=callgrind",
      `--callgrind-out-file=${out}`,
      process.execPath,
      ...V8_FLAGS,
      bin,
      ...args,
      "-C",
      repo,
    ],
    { encoding: "utf8", maxBuffer: 64 << 20 },
  );
  const refs = /Collected : (\d+)/.exec(r.stderr);
  if (refs === null) throw new Error(`callgrind gave no count:\n${r.stderr.slice(-2000)}`);
  rmSync(out, { force: true });
  return Number(refs[1]);
}
