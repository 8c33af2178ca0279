// `npm run bench`: measures the real CLI, as separate processes, on generated platform
// repositories, against a js-yaml floor and `helm template` over an equivalent chart, and
// reports the ratios issue 9 sets as goals. Run after `npm run build` (the npm script does).
//
//   node bench/run.mjs [--sizes 1000,10000] [--runs 3]
//                      [--skip noop,one-changed,stack-changed,checkout]
//                      [--dist DIR] [--no-helm] [--sub] [--keep]
//
// --skip leaves out rebuild scenarios (for a quick look at a large size on a slow machine);
// --dist names the bundle to measure (default dist/, which `npm run bench` has just built).
// --sub also runs the stage micro-benchmarks bench/template.ts and bench/emit.ts.
// Results: a table on stdout and bench/results/latest.json.
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateChart } from "./lib/generate-chart.mjs";
import {
  generateRepo,
  resourceKind,
  resourcePath,
  resourceText,
  stackText,
} from "./lib/generate-repo.mjs";
import { findHelm } from "./lib/helm.mjs";
import { memoryMethod, sample } from "./lib/measure.mjs";
import { collectOutputObjects } from "./lib/output-objects.mjs";
import { formatReport } from "./lib/report.mjs";
import { runSubBenches } from "./lib/sub-benches.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const FLOOR = path.join(import.meta.dirname, "lib/floor.mjs");
const HELM_CACHE = path.join(os.homedir(), ".cache/stackyard-bench");

const { values: opts } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000" },
    runs: { type: "string", default: "3" },
    "no-helm": { type: "boolean", default: false },
    sub: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    skip: { type: "string", default: "" },
    dist: { type: "string", default: "dist" },
  },
});
const SIZES = opts.sizes.split(",").map(Number);
const RUNS = Math.max(1, Number(opts.runs));
const SKIP = new Set(opts.skip.split(",").filter(Boolean));

// The CLI runs from a snapshot of the bundle taken now, so a rebuild of dist/ during a long run
// cannot mix versions. It stays inside the repository, where the built-in stacks are found.
const SNAPSHOT = path.join(ROOT, "node_modules/.cache/stackyard-bench", `dist-${process.pid}`);
cpSync(path.resolve(ROOT, opts.dist), SNAPSHOT, { recursive: true });
process.on("exit", () => rmSync(SNAPSHOT, { recursive: true, force: true }));
const BIN = path.join(SNAPSHOT, "stackyard.js");

const tmpBase = existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir();
const work = mkdtempSync(path.join(tmpBase, "stackyard-bench-"));
const node = process.execPath;
const cli = (cwd, ...args) => ({ command: node, args: [BIN, ...args, "-C", cwd], cwd, node: true });

/** Measures everything for one repository size. */
function benchSize(size, helm) {
  process.stderr.write(`\n== ${size} resources\n`);
  const dir = path.join(work, `repo-${size}`);
  mkdirSync(dir, { recursive: true });
  const files = generateRepo(dir, size);
  const out = path.join(dir, "out");
  const result = { resources: size, inputFiles: files.length };

  result.cold = sample("cold build", RUNS, {
    ...cli(dir, "build"),
    prepare: () => rmSync(out, { recursive: true, force: true }),
  });
  const objects = collectOutputObjects(out);
  result.outputFiles = Object.keys(objects).length;
  if (!SKIP.has("noop")) result.noop = sample("no-op rebuild", RUNS, cli(dir, "build"));
  const changed = Math.floor(size / 2) + 7; // a workflow: the largest kind of resource
  if (!SKIP.has("one-changed"))
    result.oneChanged = sample("one resource changed", RUNS, {
      ...cli(dir, "build"),
      prepare: (i) =>
        writeFileSync(path.join(dir, resourcePath(changed)), resourceText(changed, i + 1)),
    });
  // The resources a change of the python-etl stack must recompile, and no others.
  result.stackUsers = Array.from({ length: size }, (_, i) => resourceKind(i)).filter(
    (kind) => kind === "etl-worker" || kind === "workflow",
  ).length;
  if (!SKIP.has("stack-changed"))
    result.stackChanged = sample("one stack changed", RUNS, {
      ...cli(dir, "build"),
      prepare: (i) => writeFileSync(path.join(dir, "stacks/python-etl.yaml"), stackText(i + 1)),
    });
  // A checkout (or a CI cache restored into a fresh clone) rewrites every file of out/: the same
  // bytes, new mtimes. The cache then verifies out/ by content (see docs/ci.md).
  if (!SKIP.has("checkout")) {
    result.checkoutNoop = sample("no-op after a checkout", RUNS, {
      ...cli(dir, "build"),
      prepare: () => retime(out),
    });
    result.checkoutChanged = sample("one resource changed after a checkout", RUNS, {
      ...cli(dir, "build"),
      prepare: (i) => {
        retime(out);
        writeFileSync(path.join(dir, resourcePath(changed)), resourceText(changed, 50 + i));
      },
    });
  }
  // Unchanged since the last build, `validate` is answered from the build cache; the case the
  // goal is about is a file just edited, which compiles the repository.
  result.validateOne = sample("validate one file", RUNS, cli(dir, "validate", resourcePath(3)));
  result.validateEdited = sample("validate one edited file", RUNS, {
    ...cli(dir, "validate", resourcePath(3)),
    prepare: (i) => writeFileSync(path.join(dir, resourcePath(3)), resourceText(3, 100 + i)),
  });

  const objectsFile = path.join(work, `objects-${size}.json`);
  writeFileSync(objectsFile, JSON.stringify(objects));
  const floorOut = path.join(work, `floor-out-${size}`);
  result.floor = sample("floor (js-yaml)", RUNS, {
    command: node,
    args: [FLOOR, dir, objectsFile, floorOut],
    cwd: dir,
    node: true,
    prepare: () => rmSync(floorOut, { recursive: true, force: true }),
  });
  rmSync(floorOut, { recursive: true, force: true });
  if (helm.helm) result.helm = benchHelm(dir, files, size, helm.helm);
  if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  return result;
}

/** Gives every file of out/ but the build cache a new mtime, as a checkout does. */
function retime(out) {
  const now = new Date();
  for (const entry of readdirSync(out, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isFile() && !file.includes(`${path.sep}.stackyard${path.sep}cache${path.sep}`))
      utimesSync(file, now, now);
  }
}

/** `helm template` over the equivalent chart, its stdout written to a file like ours. */
function benchHelm(dir, files, size, helmBin) {
  const chart = path.join(work, `chart-${size}`);
  generateChart(dir, files, chart);
  const rendered = path.join(work, `helm-${size}.yaml`);
  const measured = sample("helm template", RUNS, {
    command: helmBin,
    args: ["template", "platform", chart],
    cwd: work,
    stdoutFile: rendered,
  });
  const objects = (readFileSync(rendered, "utf8").match(/^kind: /gm) ?? []).length;
  rmSync(rendered, { force: true });
  return { ...measured, objects };
}

/** Start-up figures: `node -e 0`, `--help`, and a build of a one-resource repository. */
function benchStartup() {
  process.stderr.write("\n== start-up\n");
  const dir = path.join(work, "repo-1");
  mkdirSync(dir, { recursive: true });
  generateRepo(dir, 1);
  const runs = Math.max(RUNS, 5);
  return {
    nodeBaseline: sample("node -e 0", runs, {
      command: node,
      args: ["-e", "0"],
      cwd: dir,
      node: false,
    }),
    help: sample("--help", runs, cli(dir, "--help")),
    oneResourceBuild: sample("one-resource build", runs, {
      ...cli(dir, "build"),
      prepare: () => rmSync(path.join(dir, "out"), { recursive: true, force: true }),
    }),
  };
}

/** Writes bench/results/latest.json with what has been measured so far. */
function writeResults() {
  results.loadAverageAfter = os.loadavg();
  const resultsDir = path.join(import.meta.dirname, "results");
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
}

const helm = opts["no-helm"] ? { unavailable: "skipped (--no-helm)" } : findHelm(HELM_CACHE);
const results = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryMiB: Math.round(os.totalmem() / 2 ** 20),
    loadAverage: os.loadavg(),
    node: process.version,
  },
  workDir: work,
  fileSystem: tmpBase === "/dev/shm" ? "tmpfs (/dev/shm)" : `${tmpBase} (no /dev/shm)`,
  memoryMethod,
  runs: RUNS,
  helm: helm.helm
    ? {
        binary: helm.helm,
        version: execFileSync(helm.helm, ["version", "--short"]).toString().trim(),
      }
    : { unavailable: helm.unavailable },
  startup: benchStartup(),
  sizes: {},
};
try {
  for (const size of SIZES) {
    results.sizes[size] = benchSize(size, helm);
    writeResults(); // a long run that is stopped still leaves what it measured
  }
  if (opts.sub) results.subBenches = runSubBenches(ROOT, Math.max(...SIZES));
} finally {
  if (!opts.keep) rmSync(work, { recursive: true, force: true });
}
writeResults();
process.stdout.write(formatReport(results));
process.stdout.write(`\nwritten to bench/results/latest.json\n`);
