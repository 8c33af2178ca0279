import { readFileSync } from "node:fs";
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../fixtures/seeded-random.js";
import { makeTempDir, removeDir, snapshotTree } from "../robustness/temp-repo.js";
import { requireBundle, runStackyard, type CliRun } from "./run-stackyard.js";

requireBundle();

const ROOT = path.resolve(import.meta.dirname, "../..");
/** A container service with its ingress on (resource 2: team-02), given a standing warning in step 16. */
const WARNED = 2;

/**
 * The contract of the incremental build, checked on real processes and real files: whatever
 * path `stackyard build` takes (a cache hit, an incremental build, a full build), it leaves the
 * same out/ bytes, prints the same diagnostics and summary, and exits with the same code as
 * `stackyard build --no-cache` (always a full build) run on the same inputs over the same
 * previous out/.
 *
 * Two repositories: A, the one under test, is only ever edited and built with `build`. Before
 * each of its builds, B (the oracle) is made a copy of A — the inputs and the out/ of A's
 * previous build, minus the build cache — so `build --no-cache` in B is "a full build from the
 * same previous out/ state". Then both build and everything is compared.
 */

interface Bench {
  generateRepo(dir: string, count: number): string[];
  resourceKind(i: number): string;
  resourcePath(i: number): string;
  resourceText(i: number, variant?: number): string;
  stackText(variant?: number): string;
}
// @ts-expect-error -- a plain JavaScript module of the bench harness, without types
const bench = (await import("../../bench/lib/generate-repo.mjs")) as Bench;

/** Resources the generator writes: every kind, two of each per kind across 20 workspaces. */
const COUNT = 40;
/** `(3 recompiled)` in the summary line: present only when the incremental path ran. */
const MARKER = / \((\d+) recompiled\)/g;
/** The build cache folder: machine-specific state, never compared (snapshotTree skips it too). */
const CACHE = path.join("out", ".stackyard", "cache");

/** Which resources use the custom stack, read off the generator's own text, not re-derived. */
const usesPythonEtl = (i: number): boolean => /stack: python-etl\+/.test(bench.resourceText(i));

type Tree = Record<string, string>;

/** Paths that differ between two out/ trees, each with how: a short list beats a 400-key diff. */
function treeDiff(a: Tree, b: Tree, [nameA, nameB] = ["A", "oracle"]): string[] {
  const paths = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return paths.flatMap((p) =>
    a[p] === b[p]
      ? []
      : [
          `${p}: ${a[p] === undefined ? `only in ${nameB}` : b[p] === undefined ? `only in ${nameA}` : "differs"}`,
        ],
  );
}

/** stderr without what may legitimately differ: the timing and the `(N recompiled)` marker. */
function normalize(stderr: string): string {
  return stderr.replace(MARKER, "").replace(/^(built .*), \d+(?:\.\d+)?s$/gm, "$1, <time>");
}

/** The N of `(N recompiled)`, or undefined when the summary has no marker (not incremental). */
function recompiled(stderr: string): number | undefined {
  const found = [...stderr.matchAll(MARKER)];
  expect(found.length, stderr).toBeLessThanOrEqual(1);
  return found[0] === undefined ? undefined : Number(found[0][1]);
}

/** Makes B an exact copy of A (inputs and out/), minus A's build cache. */
async function syncOracle(a: string, b: string): Promise<void> {
  for (const entry of await readdir(b)) await rm(path.join(b, entry), { recursive: true });
  const cache = path.join(a, CACHE);
  for (const entry of await readdir(a)) {
    await cp(path.join(a, entry), path.join(b, entry), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => src !== cache && !src.startsWith(cache + path.sep),
    });
  }
}

interface Outcome {
  /** A's run: plain `stackyard build`. */
  run: CliRun;
  /** A's out/ before and after its build. */
  before: Tree;
  after: Tree;
}

/**
 * One step: the edit is already in A. Copies A to B, builds both (at once: they share nothing),
 * and asserts that A's build is indistinguishable from the oracle's.
 */
async function buildAndCompare(a: string, b: string, context: string): Promise<Outcome> {
  const before = await snapshotTree(path.join(a, "out"));
  await syncOracle(a, b);
  const [run, oracle] = await Promise.all([
    runStackyard(["build"], { cwd: a }),
    runStackyard(["build", "--no-cache"], { cwd: b }),
  ]);
  const what = `${context}\n--- A stderr ---\n${run.stderr}\n--- oracle stderr ---\n${oracle.stderr}`;
  expect(run.code, what).toBe(oracle.code);
  expect(normalize(run.stderr), what).toBe(normalize(oracle.stderr));
  expect(run.stdout, what).toBe(oracle.stdout);
  const after = await snapshotTree(path.join(a, "out"));
  expect(treeDiff(after, await snapshotTree(path.join(b, "out"))), what).toEqual([]);
  return { run, before, after };
}

/** A's inputs as the test knows them: the present resources, by index. */
interface State {
  a: string;
  b: string;
  present: Set<number>;
}

async function write(s: State, rel: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(s.a, rel)), { recursive: true });
  await writeFile(path.join(s.a, rel), text);
}

/** Every temporary repository made, removed after the file's tests (whatever happened). */
const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map(removeDir));
});

async function newPair(prefix: string): Promise<State> {
  const a = await makeTempDir(`${prefix}-a`);
  const b = await makeTempDir(`${prefix}-b`);
  temps.push(a, b);
  bench.generateRepo(a, COUNT);
  return { a, b, present: new Set(Array.from({ length: COUNT }, (_, i) => i)) };
}

// ---------------------------------------------------------------------------------------------
// The scripted steps.

/** A new resource in an existing workspace: index 46 is a container worker in team-06. */
const ADDED = 46;
/** A removed resource: an etl worker in team-04 (team-04 keeps etl-worker-00004). */
const REMOVED = 24;
/** The resource the schema error goes into: a service (it has `replicas:`). */
const BROKEN = 12;
/** The duplicate: a second file declaring service-00003 in team-03. */
const DUPLICATE = "resources/team-03/service-00003-copy.yaml";
/**
 * Resources using python-etl when the stack changes (step 7): the generator's etl workers
 * (`stack: python-etl+python`) and workflows (their `ingest` job, `python-etl+python:1.0`) among
 * the resources present then — the 40 generated, plus ADDED, minus REMOVED. With the generator
 * as it is: 8 etl workers + 12 workflows − 1 removed (ADDED uses the container stack) = 19.
 */
const PYTHON_ETL_USERS = [...Array.from({ length: COUNT }, (_, i) => i), ADDED]
  .filter((i) => i !== REMOVED)
  .filter(usesPythonEtl).length;

/**
 * What the summary line must say about the path taken:
 * - a number N: the incremental path ran, `(N recompiled)`;
 * - "none": no marker (a full build, or the build cache's no-op answer);
 * - "any": not asserted, for the reason in `why`.
 */
type Marker = number | "none" | "any";

interface Step {
  name: string;
  edit(s: State): Promise<void>;
  code: 0 | 1;
  marker: Marker;
  why: string;
  /** Extra checks on A's outcome. */
  check?(o: Outcome, s: State): void;
}

/** The workflows' included job files (steps 22–32): one listed as a manifest, one outside the roots. */
const INCLUDED_JOB = "resources/jobs/check.yaml";
const OUTSIDE_JOB = "shared/publish-job.yaml";
const CHECK_JOB = (tag: string) => `spec:
  stack: container
  compute: runnable-default
  resources:
    requests: {cpu: 100m, memory: 64Mi}
  stackSpec:
    image: ghcr.io/acme/checks:${tag}
    arguments: [--all]
`;
const PUBLISH_JOB = (tag: string) => `spec:
  stack: container:1.0
  compute: runnable-default
  stackSpec:
    image: ghcr.io/acme/publish:${tag}
`;

/** Workflow i's text with the named dag jobs (`check`, `publish`) taken from the files above. */
function includingText(i: number, jobs: ReadonlyArray<"check" | "publish">): string {
  let text = bench.resourceText(i);
  const file = { check: "../jobs/check.yaml", publish: `../../${OUTSIDE_JOB}` };
  for (const job of jobs) {
    // The job's whole entry, up to the next one (or the end), becomes `file:` and its deps.
    const entry = new RegExp(`( {4}- name: ${job}\\n)((?: {6}.*\\n)*)`);
    const match = entry.exec(text);
    expect(match, `${job} in workflow ${i}`).not.toBeNull();
    const deps = /^ {6}dependencies: .*$/m.exec(match![2]!)?.[0];
    text = text.replace(
      entry,
      `$1      file: ${file[job]}\n${deps === undefined ? "" : `${deps}\n`}`,
    );
  }
  return text;
}

/** A changed image tag in resource i's text (services, container workers). */
const withImage = (text: string, tag: string): string => {
  const changed = text.replace(/^( +image: ghcr\.io\/acme\/[\w-]+):\S+$/m, `$1:${tag}`);
  expect(changed).not.toBe(text);
  return changed;
};

const STEPS: Step[] = [
  {
    name: "1. first build",
    edit: async () => {},
    code: 0,
    marker: "none",
    why: "no previous build: full",
    check: (o) => expect(Object.keys(o.after).length).toBeGreaterThan(COUNT),
  },
  {
    name: "2. no change",
    edit: async () => {},
    code: 0,
    marker: "none",
    why: "the build cache answers: a no-op, not an incremental build",
    check: (o) => {
      expect(o.run.stderr).toMatch(/\(0 written, \d+ unchanged, 0 pruned\)/);
      expect(o.after).toEqual(o.before);
    },
  },
  {
    name: "3. one service's image changes",
    edit: (s) => write(s, bench.resourcePath(1), withImage(bench.resourceText(1), "9.9.9")),
    code: 0,
    marker: 1,
    why: "one resource manifest edited",
    check: (o) => expect(treeDiff(o.after, o.before).length).toBeGreaterThan(0),
  },
  {
    name: "4. two files edited at once",
    edit: async (s) => {
      await write(s, bench.resourcePath(2), bench.resourceText(2, 1)); // a service
      await write(s, bench.resourcePath(7), bench.resourceText(7, 1)); // a workflow
    },
    code: 0,
    marker: 2,
    why: "two resource manifests edited",
  },
  {
    name: "5. a new worker in an existing workspace",
    edit: async (s) => {
      expect(bench.resourceKind(ADDED)).toBe("container-worker");
      expect(s.present.has(ADDED % 20)).toBe(true); // its workspace team-06 already exists
      await write(s, bench.resourcePath(ADDED), bench.resourceText(ADDED));
      s.present.add(ADDED);
    },
    code: 0,
    marker: 1,
    why: "one resource manifest added: only it is compiled",
    check: (o) => expect(treeDiff(o.after, o.before).join("\n")).toMatch(/container-00046/),
  },
  {
    name: "6. a resource file removed",
    edit: async (s) => {
      await rm(path.join(s.a, bench.resourcePath(REMOVED)));
      s.present.delete(REMOVED);
    },
    code: 0,
    marker: 0,
    why: "a removal compiles nothing: its outputs are dropped from the previous build's",
    check: (o) => {
      const gone = treeDiff(o.after, o.before, ["after", "before"]);
      expect(gone.some((d) => /etl-00024.*: only in before$/.test(d))).toBe(true);
    },
  },
  {
    name: "7. the custom stack changes",
    edit: (s) => write(s, "stacks/python-etl.yaml", bench.stackText(1)),
    code: 0,
    marker: PYTHON_ETL_USERS,
    why: "every resource using python-etl is recompiled, and only those",
  },
  {
    name: "8. a schema error in one resource",
    edit: (s) => {
      const text = bench.resourceText(BROKEN);
      const broken = text.replace(/^ {2}replicas: \d+$/m, "  replicas: one");
      expect(broken).not.toBe(text);
      return write(s, bench.resourcePath(BROKEN), broken);
    },
    code: 1,
    marker: "any",
    why: "a failed build prints no summary line",
    check: (o) => {
      expect(o.run.stderr).toMatch(/WRONG_TYPE/);
      expect(o.after).toEqual(o.before); // out/ is left as it was
    },
  },
  {
    name: "9. the schema error fixed",
    edit: (s) => write(s, bench.resourcePath(BROKEN), bench.resourceText(BROKEN)),
    code: 0,
    marker: "any",
    why:
      "depends on what the failed build recorded: the inputs equal step 7's again, so a cache " +
      "hit (no marker), one resource recompiled, or a full build are all correct",
  },
  {
    name: "10. a duplicate name in the same workspace",
    edit: (s) => write(s, DUPLICATE, bench.resourceText(3)),
    code: 1,
    marker: "any",
    why: "a fallback to the full build, which fails: no summary line",
    check: (o) => {
      expect(o.run.stderr).toMatch(/DUPLICATE_RESOURCE/);
      expect(o.after).toEqual(o.before);
    },
  },
  {
    name: "10b. the duplicate removed",
    edit: (s) => rm(path.join(s.a, DUPLICATE)),
    code: 0,
    marker: "any",
    why: "after a failed build: as for step 9",
  },
  {
    name: "11. a compute changes (a context file)",
    edit: async (s) => {
      const text = await readText(s, "platform/computes.yaml");
      const changed = text
        .replace("stackyard.dev/pool: etl", "stackyard.dev/pool: etl-large")
        .replace(/^# Computes:/m, "# Edited by the incremental-build test.\n# Computes:");
      expect(changed).not.toBe(text);
      await write(s, "platform/computes.yaml", changed);
    },
    code: 0,
    marker: "none",
    why: "a compute changed: the incremental path falls back to a full build",
    // The node selector reaches every runnable-etl pod: the edit is not a no-op.
    check: (o) => expect(treeDiff(o.after, o.before).length).toBeGreaterThan(0),
  },
  {
    name: "12. a workflow's dataset address changes (lineage)",
    edit: (s) => {
      const text = bench.resourceText(8, 1); // step 4 did not touch 8: variant 1 + the address
      const changed = text.replace("dataos://landing:sales/day_8", "dataos://landing:orders/day_8");
      expect(changed).not.toBe(text);
      return write(s, bench.resourcePath(8), changed);
    },
    code: 0,
    marker: 1,
    why: "one resource manifest edited; lineage is recomputed from all of them",
    check: (o) => {
      const changed = treeDiff(o.after, o.before).join("\n");
      expect(changed).toMatch(/^lineage\.json: differs$/m);
      expect(changed).toMatch(/^lineage\//m);
    },
  },
  {
    name: "13. a comment-only edit",
    edit: async (s) => {
      const rel = bench.resourcePath(13);
      await write(
        s,
        rel,
        `# A comment added above, which moves every line down.\n${await readText(s, rel)}`,
      );
    },
    code: 0,
    marker: 1,
    why: "the file's bytes (and its lines, which diagnostics point into) changed: recompiled",
  },
  {
    name: "14. the stack file defines one more stack: container 9.9",
    edit: async (s) => {
      // A copy of the built-in container stack at a higher version: unversioned `stack:
      // container` references now resolve to it, so resources that do not use python-etl
      // change too, and only a full build gets them right.
      const builtin = await readFile(path.join(ROOT, "stacks/container-1.0.yaml"), "utf8");
      const copy = builtin
        .replace(/^name: .*$/m, "name: container-v99")
        .replace(/^ {2}version: .*$/m, '  version: "9.9"');
      expect(copy).not.toBe(builtin);
      await write(s, "stacks/python-etl.yaml", `${bench.stackText(1)}\n---\n${copy}`);
    },
    code: 0,
    marker: "none",
    why: "the file defines another stack: the stack references of every resource may resolve anew",
  },
  {
    name: "14b. the second stack is removed again",
    edit: (s) => write(s, "stacks/python-etl.yaml", bench.stackText(1)),
    code: 0,
    marker: "none",
    why: "as step 14, the other way",
  },
  {
    name: "15. a new resource whose id sorts first in its workspace",
    edit: (s) => {
      // team-00 holds no context object, so its Namespace is attributed to its least resource
      // id: from now on this one, which the index entry of the Namespace must say.
      const text = bench.resourceText(0).replaceAll("bento-00000", "aaa-first");
      expect(text).toMatch(/^name: aaa-first$/m);
      return write(s, "resources/team-00/aaa-first.yaml", text);
    },
    code: 0,
    marker: 1,
    why: "an added unit; the Namespace's bytes stay, its owner changes",
    check: (_o, s) => expect(nsEntry(s, "team-00")?.source?.resourceId).toMatch(/:aaa-first:/),
  },
  {
    name: "15b. and removed again",
    edit: (s) => rm(path.join(s.a, "resources/team-00/aaa-first.yaml")),
    code: 0,
    marker: 0,
    why: "the removed unit owned the Namespace: its new owner is found among the others",
    check: (_o, s) => {
      const owner = nsEntry(s, "team-00")?.source?.resourceId;
      expect(owner).toBeDefined();
      expect(owner).not.toMatch(/:aaa-first:/);
    },
  },
  {
    name: "16. a warning in one service",
    edit: async (s) => {
      // `noAuthentication: false` is approximated (FIELD_APPROXIMATED): a standing warning.
      const rel = bench.resourcePath(WARNED);
      const text = await readText(s, rel);
      const warned = text.replace("stripPath: true}", "stripPath: true, noAuthentication: false}");
      expect(warned).not.toBe(text);
      await write(s, rel, warned);
    },
    code: 0,
    marker: 1,
    why: "the warning is the edited file's own",
    check: (o) => expect(o.run.stderr).toMatch(/FIELD_APPROXIMATED/),
  },
  {
    name: "17. another resource edited while that warning stands",
    edit: async (s) => {
      const rel = bench.resourcePath(13);
      await write(s, rel, `# another comment\n${await readText(s, rel)}`);
    },
    code: 0,
    marker: 1,
    why: "the other file's warning is kept from the last build, in the order a full build gives",
    check: (o) => expect(o.run.stderr).toMatch(/FIELD_APPROXIMATED/),
  },
  {
    name: "18. a schema error while that warning stands",
    edit: async (s) => {
      const rel = bench.resourcePath(13);
      await write(
        s,
        rel,
        (await readText(s, rel)).replace(/^workspace: (.*)$/m, "workspace: [$1]"),
      );
    },
    code: 1,
    marker: "any",
    why: "errors stop a full build's later stages, so the kept warnings cannot be trusted: full",
  },
  {
    name: "18b. fixed again",
    edit: async (s) => {
      const rel = bench.resourcePath(13);
      await write(
        s,
        rel,
        (await readText(s, rel)).replace(/^workspace: \[(.*)\]$/m, "workspace: $1"),
      );
    },
    code: 0,
    marker: "any",
    why: "after a failed build: as for step 9",
  },
  {
    name: "19. a documented typo in the stack file: a warning in a context file",
    edit: async (s) => {
      const text = await readText(s, "stacks/python-etl.yaml");
      const typo = text.replace(/^ {2}arguments:/m, "  argument:");
      expect(typo).not.toBe(text);
      await write(s, "stacks/python-etl.yaml", typo);
    },
    code: 0,
    marker: "none",
    why: "the context's diagnostics are not the last build's: a full build",
    check: (o) => expect(o.run.stderr).toMatch(/DEPRECATED_SPELLING/),
  },
  {
    name: "20. a resource edited while the stack's warning stands",
    edit: async (s) => {
      const rel = bench.resourcePath(13);
      await write(s, rel, `# a third comment\n${await readText(s, rel)}`);
    },
    code: 0,
    marker: 1,
    why: "the context, compiled again, gives the last build's warning again",
    check: (o) => expect(o.run.stderr).toMatch(/DEPRECATED_SPELLING/),
  },
  {
    name: "21. the typo is fixed",
    edit: async (s) => {
      const text = await readText(s, "stacks/python-etl.yaml");
      await write(s, "stacks/python-etl.yaml", text.replace(/^ {2}argument:/m, "  arguments:"));
    },
    code: 0,
    marker: "none",
    why: "as step 19, the other way",
  },
  {
    name: "22. a workflow's job moves to included files: one listed, one outside the roots",
    edit: async (s) => {
      await write(s, INCLUDED_JOB, CHECK_JOB("2.4.1"));
      await write(s, OUTSIDE_JOB, PUBLISH_JOB("1.3.0"));
      await write(s, bench.resourcePath(7), includingText(7, ["check", "publish"]));
    },
    code: 0,
    marker: "none",
    why: "a new file, and a unit including other files than before: full",
    check: (o) => expect(o.run.stderr).not.toMatch(/error/),
  },
  {
    name: "23. the listed included file changes",
    edit: async (s) => write(s, INCLUDED_JOB, CHECK_JOB("2.5.0")),
    code: 0,
    marker: 1,
    why: "its includer is compiled again",
    check: (o) => expect(treeDiff(o.after, o.before).join("\n")).toMatch(/workflow-00007\//),
  },
  {
    name: "24. the included file outside the roots changes",
    edit: async (s) => write(s, OUTSIDE_JOB, PUBLISH_JOB("1.4.0")),
    code: 0,
    marker: 1,
    why: "its includer is compiled again",
    check: (o) => expect(treeDiff(o.after, o.before).join("\n")).toMatch(/workflow-00007\//),
  },
  {
    name: "25. a second workflow includes the listed job file too",
    edit: async (s) => write(s, bench.resourcePath(17), includingText(17, ["check"])),
    code: 0,
    marker: "none",
    why: "a unit including other files than before: full",
  },
  {
    name: "26. the shared job file changes",
    edit: async (s) => write(s, INCLUDED_JOB, CHECK_JOB("2.6.0")),
    code: 0,
    marker: 2,
    why: "both includers are compiled again",
  },
  {
    name: "27. one includer of the shared file is edited",
    edit: async (s) => {
      const rel = bench.resourcePath(7);
      await write(s, rel, `# an includer's comment\n${await readText(s, rel)}`);
    },
    code: 0,
    marker: 1,
    why: "the shared file has no diagnostics to tell apart",
  },
  {
    name: "28. a documented typo in the shared job file: a warning there",
    edit: async (s) =>
      write(s, INCLUDED_JOB, CHECK_JOB("2.6.0").replace("resources:", "resource:")),
    code: 0,
    marker: 2,
    why: "both includers are compiled again, and report it",
    check: (o) => expect(o.run.stderr).toMatch(/DEPRECATED_SPELLING/),
  },
  {
    name: "29. one includer edited while that warning stands",
    edit: async (s) => {
      const rel = bench.resourcePath(17);
      await write(s, rel, `# another includer's comment\n${await readText(s, rel)}`);
    },
    code: 0,
    marker: "none",
    why: "a diagnostic in a file included by units compiled again and not: full",
    check: (o) => expect(o.run.stderr).toMatch(/DEPRECATED_SPELLING/),
  },
  {
    name: "30. a new resource while workflows include files",
    edit: async (s) => {
      await write(s, INCLUDED_JOB, CHECK_JOB("2.6.0"));
      await write(s, bench.resourcePath(ADDED + 1), bench.resourceText(ADDED + 1));
      s.present.add(ADDED + 1);
    },
    code: 0,
    marker: "none",
    why: "a new file may be what an include resolves to: full",
  },
  {
    name: "31. the second workflow stops including the job file",
    edit: async (s) => write(s, bench.resourcePath(17), bench.resourceText(17)),
    code: 0,
    marker: "none",
    why: "a unit including other files than before: full",
  },
  {
    name: "32. the first includer's own job changes, its includes as they were",
    edit: async (s) => {
      const rel = bench.resourcePath(7);
      const text = await readText(s, rel);
      const changed = text.replace("transform: SELECT *", "transform: SELECT id,");
      expect(changed).not.toBe(text);
      await write(s, rel, changed);
    },
    code: 0,
    marker: 1,
    why: "a unit edited, including the same files",
  },
  {
    name: "33. a workflow includes another workflow's file: that unit becomes its sub-DAG",
    edit: async (s) => {
      const rel = bench.resourcePath(7);
      expect(bench.resourcePath(27)).toBe("resources/team-07/workflow-00027.yaml");
      await write(
        s,
        rel,
        `${await readText(s, rel)}    - name: sub\n      file: workflow-00027.yaml\n`,
      );
    },
    code: 0,
    marker: "none",
    why: "a unit including other files than before: full (workflow 27's own objects go)",
    check: (o) =>
      expect(treeDiff(o.after, o.before, ["after", "before"]).join("\n")).toMatch(
        /workflow-00027.*only in before/,
      ),
  },
  {
    name: "33b. and the other workflow is its own again",
    edit: async (s) => {
      const rel = bench.resourcePath(7);
      const text = await readText(s, rel);
      await write(s, rel, text.replace("    - name: sub\n      file: workflow-00027.yaml\n", ""));
    },
    code: 0,
    marker: "none",
    why: "as step 33, the other way",
  },
  {
    name: "34. names without stamps; the second workflows of each workspace rename their `ingest` job",
    edit: async (s) => {
      await write(
        s,
        "stackyard.yaml",
        (await readText(s, "stackyard.yaml")).replace("stamp: hash", "stamp: none"),
      );
      // Workflows are resources 7–9 in every ten; the first ten's keep `ingest`.
      const later = [...s.present].filter((i) => i >= 10 && bench.resourceKind(i) === "workflow");
      for (const i of later) {
        const rel = bench.resourcePath(i);
        await write(s, rel, renameIngest(await readText(s, rel), `load-${i}`));
      }
    },
    code: 0,
    marker: "none",
    why: "stackyard.yaml changed: full",
  },
  {
    name: "35. workflow 27's job is `ingest` again: its ConfigMap is workflow 7's",
    edit: async (s) => write(s, bench.resourcePath(27), bench.resourceText(27)),
    code: 1,
    marker: "none",
    why: "an object named like another unit's: full, which reports OUTPUT_CONFLICT",
    check: (o) =>
      expect(o.run.stderr).toMatch(
        /OUTPUT_CONFLICT ConfigMap ingest-workflow in namespace team-07/,
      ),
  },
  {
    name: "35b. renamed once more",
    edit: async (s) =>
      write(s, bench.resourcePath(27), renameIngest(bench.resourceText(27), "fetch")),
    code: 0,
    marker: "any",
    why: "after a failed build: as for step 9",
  },
  {
    name: "35c. workflow 27 edited, its job named apart",
    edit: async (s) =>
      write(
        s,
        bench.resourcePath(27),
        `# a comment\n${renameIngest(bench.resourceText(27), "fetch")}`,
      ),
    code: 0,
    marker: 1,
    why: "no object of it is named like another's",
  },
  {
    name: "36. the stack's extra objects clash: made twice, and two for one file",
    edit: async (s) => {
      // Resource 2's standing warning goes too: the edit then keeps no diagnostic of another.
      await write(s, bench.resourcePath(WARNED), bench.resourceText(WARNED));
      await write(s, "stacks/python-etl.yaml", clashingExtras(bench.stackText(1)));
    },
    code: 1,
    marker: "any",
    why: "a failed build prints no summary line",
    check: (o) => {
      expect(o.run.stderr).toMatch(
        /OUTPUT_CONFLICT ConfigMap \S+-same in namespace \S+ is made twice/,
      );
      expect(o.run.stderr).toMatch(
        /OUTPUT_CONFLICT ConfigMap \S+-extra from .* would be written to /,
      );
      expect(o.run.stderr).not.toMatch(/OUTPUT_CONFLICT ConfigMap \S+-same from /);
    },
  },
  {
    name: "36b. the stack as it was",
    edit: async (s) => write(s, "stacks/python-etl.yaml", bench.stackText(1)),
    code: 0,
    marker: "any",
    why: "after a failed build: as for step 9",
  },
];

/**
 * The stack's text with extra objects for each worker: a ConfigMap made twice (identityClashes)
 * and two whose names differ only in case, for one out/ file (conflictDiagnostics).
 */
function clashingExtras(stack: string): string {
  const extras = `    extraResourcesTemplate: |
      - {apiVersion: v1, kind: ConfigMap, metadata: {name: "{{ .Name }}-same"}, data: {a: "1"}}
      - {apiVersion: v1, kind: ConfigMap, metadata: {name: "{{ .Name }}-same"}, data: {a: "2"}}
      - {apiVersion: v1, kind: ConfigMap, metadata: {name: "{{ .Name }}-extra"}, data: {a: "1"}}
      - {apiVersion: v1, kind: ConfigMap, metadata: {name: "{{ .Name }}-Extra"}, data: {a: "1"}}
`;
  const changed = stack.replace(/^ {2}workerConfig:\n/m, (line) => `${line}${extras}`);
  expect(changed).not.toBe(stack);
  return changed;
}

/** A workflow's text with its first job, `ingest`, named otherwise (its dependents follow). */
function renameIngest(text: string, to: string): string {
  const renamed = text
    .replace("    - name: ingest\n", `    - name: ${to}\n`)
    .replace("dependencies: [ingest]", `dependencies: [${to}]`);
  expect(renamed).not.toBe(text);
  return renamed;
}

/** The ownership index's entry for a workspace's Namespace file, in A's out/. */
function nsEntry(
  s: State,
  workspace: string,
): { path: string; source?: { resourceId: string } } | undefined {
  const index = JSON.parse(readFileSync(path.join(s.a, "out/.stackyard/index.json"), "utf8")) as {
    files: Array<{ path: string; source?: { resourceId: string } }>;
  };
  return index.files.find((f) => f.path.endsWith(`/${workspace}/namespace-${workspace}.yaml`));
}

function readText(s: State, rel: string): Promise<string> {
  return readFile(path.join(s.a, rel), "utf8");
}

function expectMarker(step: Step, stderr: string): void {
  const n = recompiled(stderr);
  const where = `${step.name}: expected ${JSON.stringify(step.marker)} (${step.why})\n${stderr}`;
  if (step.marker === "any") return;
  if (step.marker === "none") expect(n, where).toBeUndefined();
  else expect(n, where).toBe(step.marker);
}

describe("an incremental build is indistinguishable from a full build", () => {
  let state: State;
  beforeAll(async () => {
    state = await newPair("incremental");
  });

  for (const step of STEPS) {
    it(step.name, { timeout: 30_000 }, async () => {
      await step.edit(state);
      const outcome = await buildAndCompare(state.a, state.b, step.name);
      expect(outcome.run.code, outcome.run.stderr).toBe(step.code);
      step.check?.(outcome, state);
      // Last: identity with the oracle is the contract, the marker proves which path ran.
      expectMarker(step, outcome.run.stderr);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// A seeded random sequence of the same kinds of edit: identity with the oracle only.

/** Change it (or set STACKYARD_INCREMENTAL_SEED) to explore other sequences. */
const SEED = Number(process.env.STACKYARD_INCREMENTAL_SEED ?? 0x1ec_2026);
const RANDOM_STEPS = 14;

interface RandomState extends State {
  random: () => number;
  /** Files holding a schema error or a duplicate, to fix or remove later. */
  broken: Set<number>;
  duplicates: Set<string>;
}

const pick = <T>(r: RandomState, items: readonly T[]): T => {
  const item = items[Math.floor(r.random() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
};
const variant = (r: RandomState): number => 1 + Math.floor(r.random() * 5);
const presentList = (r: RandomState): number[] => [...r.present].sort((x, y) => x - y);

/** Rewrites a present resource from the generator (variant or new image); clears a break. */
async function editOne(r: RandomState): Promise<string> {
  const i = pick(r, presentList(r));
  const v = variant(r);
  const text = bench.resourceText(i, v);
  const image = /^ +image: ghcr\.io\/acme\//m.test(text) && r.random() < 0.5;
  await write(r, bench.resourcePath(i), image ? withImage(text, `7.${v}.0`) : text);
  r.broken.delete(i);
  return `edit ${i} (${image ? `image 7.${v}.0` : `variant ${v}`})`;
}

/** Restores the broken files and removes the duplicates. */
async function fixAll(r: RandomState): Promise<string> {
  const fixed = [...r.broken, ...r.duplicates];
  for (const i of r.broken) await write(r, bench.resourcePath(i), bench.resourceText(i));
  for (const rel of r.duplicates) await rm(path.join(r.a, rel));
  r.broken.clear();
  r.duplicates.clear();
  return `fix ${fixed.join(", ")}`;
}

/**
 * The operations of the scripted steps, each returning a line for the failure message. The two
 * that make the build fail (a schema error, a duplicate) are fixed in the next step, together
 * with another edit: otherwise one early error would leave the rest of the sequence failing.
 */
const OPERATIONS: Array<(r: RandomState) => Promise<string>> = [
  editOne,
  async (r) => `${await editOne(r)} + ${await editOne(r)}`,
  async (r) => {
    const candidates = Array.from({ length: 20 }, (_, k) => COUNT + k).filter(
      (i) => !r.present.has(i),
    );
    if (candidates.length === 0) return "add: nothing left to add";
    const i = pick(r, candidates);
    await write(r, bench.resourcePath(i), bench.resourceText(i));
    r.present.add(i);
    return `add ${i}`;
  },
  async (r) => {
    if (r.present.size <= COUNT - 10) return "remove: kept the rest";
    const i = pick(r, presentList(r));
    await rm(path.join(r.a, bench.resourcePath(i)));
    r.present.delete(i);
    r.broken.delete(i);
    return `remove ${i}`;
  },
  async (r) => {
    const v = Math.floor(r.random() * 4);
    await write(r, "stacks/python-etl.yaml", bench.stackText(v));
    return `stack variant ${v}`;
  },
  async (r) => {
    const i = pick(r, presentList(r));
    const text = await readText(r, bench.resourcePath(i));
    await write(r, bench.resourcePath(i), text.replace(/^workspace: (.*)$/m, "workspace: [$1]"));
    r.broken.add(i);
    return `break ${i} (workspace: a list)`;
  },
  async (r) => {
    const i = pick(r, presentList(r));
    const rel = bench.resourcePath(i).replace(/\.yaml$/, "-dup.yaml");
    await write(r, rel, bench.resourceText(i));
    r.duplicates.add(rel);
    return `duplicate ${i}`;
  },
  async (r) => {
    const pool = `etl-${variant(r)}`;
    const text = await readText(r, "platform/computes.yaml");
    await write(
      r,
      "platform/computes.yaml",
      text.replace(/stackyard\.dev\/pool: \S+/, `stackyard.dev/pool: ${pool}`),
    );
    return `compute pool ${pool}`;
  },
  async (r) => {
    const workflows = presentList(r).filter((i) => bench.resourceKind(i) === "workflow");
    if (workflows.length === 0) return "dataset: no workflow";
    const i = pick(r, workflows);
    const table = `t${variant(r)}`;
    const text = bench
      .resourceText(i)
      .replace(`landing:sales/day_${i}`, `landing:${table}/day_${i}`);
    await write(r, bench.resourcePath(i), text);
    r.broken.delete(i);
    return `dataset of ${i} → ${table}`;
  },
  async (r) => {
    const i = pick(r, presentList(r));
    const rel = bench.resourcePath(i);
    await write(r, rel, `# comment ${variant(r)}\n${await readText(r, rel)}`);
    return `comment on ${i}`;
  },
  async (r) => {
    // Into another workspace that has resources: new folders, other Namespace owners.
    const i = pick(r, presentList(r));
    const to = `team-${String(Math.floor(r.random() * 20)).padStart(2, "0")}`;
    const rel = bench.resourcePath(i);
    await write(r, rel, (await readText(r, rel)).replace(/^workspace: .*$/m, `workspace: ${to}`));
    return `move ${i} to ${to}`;
  },
  async (r) => {
    // Another name: another resource id and folder; the old folder's files are pruned.
    const i = pick(r, presentList(r));
    const rel = bench.resourcePath(i);
    const v = variant(r);
    await write(r, rel, (await readText(r, rel)).replace(/^name: (.*)$/m, `name: $1-r${v}`));
    return `rename ${i} (r${v})`;
  },
];

describe("a seeded random sequence of edits", () => {
  let state: RandomState;
  beforeAll(async () => {
    const pair = await newPair("incremental-random");
    state = { ...pair, random: seededRandom(SEED), broken: new Set(), duplicates: new Set() };
  });

  it(
    `builds like the oracle after each of ${RANDOM_STEPS} edits (seed ${SEED})`,
    { timeout: 120_000 },
    async () => {
      const done: string[] = ["first build"];
      await buildAndCompare(state.a, state.b, `seed ${SEED}: ${done.join("; ")}`);
      for (let k = 0; k < RANDOM_STEPS; k++) {
        const fix =
          state.broken.size + state.duplicates.size > 0 ? `${await fixAll(state)} + ` : "";
        done.push(`${fix}${await pick(state, OPERATIONS)(state)}`);
        await buildAndCompare(state.a, state.b, `seed ${SEED}: ${done.join("; ")}`);
      }
    },
  );
});

// ---------------------------------------------------------------------------------------------
// The cache's file of lineage parts: read and written only when an edit changes the lineage.

describe("the lineage parts of the build cache", () => {
  const PARTS = path.join(CACHE, "lineage-parts.json");
  let state: State;
  beforeAll(async () => {
    state = await newPair("incremental-lineage");
  });
  const partsStat = () => stat(path.join(state.a, PARTS));

  it(
    "are kept as they are by an edit that leaves the lineage alone, and rewritten by one that changes it",
    { timeout: 60_000 },
    async () => {
      await buildAndCompare(state.a, state.b, "first build");
      const first = await partsStat();
      const text = await readText(state, PARTS);
      // An image: the recompiled file's lineage parts are as they were.
      await write(state, bench.resourcePath(7), bench.resourceText(7, 1));
      let { run } = await buildAndCompare(state.a, state.b, "a workflow's variant");
      expect(recompiled(run.stderr), run.stderr).toBe(1);
      const kept = await partsStat();
      expect([kept.ino, kept.mtimeMs]).toEqual([first.ino, first.mtimeMs]);
      // A dataset address: the parts of that file change, and so does the file of parts.
      const addressed = bench
        .resourceText(7, 1)
        .replace("dataos://landing:sales/day_7", "dataos://landing:orders/day_7");
      expect(addressed).not.toBe(bench.resourceText(7, 1));
      await write(state, bench.resourcePath(7), addressed);
      ({ run } = await buildAndCompare(state.a, state.b, "a workflow's dataset address"));
      expect(recompiled(run.stderr), run.stderr).toBe(1);
      expect(await readText(state, PARTS)).not.toBe(text);
    },
  );

  it(
    "that do not match their checksum make an edit of the lineage a full build",
    { timeout: 60_000 },
    async () => {
      const text = await readText(state, PARTS);
      await writeFile(path.join(state.a, PARTS), text.replace("orders", "ordres"));
      // An image edit does not read them…
      await write(state, bench.resourcePath(2), bench.resourceText(2, 2));
      let { run } = await buildAndCompare(state.a, state.b, "a service's variant");
      expect(recompiled(run.stderr), run.stderr).toBe(1);
      // …a lineage edit does, finds them not the record's, and builds everything.
      await write(state, bench.resourcePath(7), bench.resourceText(7, 1));
      ({ run } = await buildAndCompare(state.a, state.b, "the workflow's address back"));
      expect(recompiled(run.stderr), run.stderr).toBeUndefined();
    },
  );
});
