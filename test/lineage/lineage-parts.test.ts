import { readFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { compileObjects } from "../../src/build/compile-objects.js";
import {
  assembleLineage,
  buildLineage,
  lineageParts,
  type Lineage,
  type LineagePart,
} from "../../src/build/lineage.js";
import { lineageFilesExcept, lineageFilesOf } from "../../src/build/lineage-files.js";
import { textReader } from "../../src/build/text-reader.js";
import { loadConfig } from "../../src/config/load-config.js";
import { hasErrors } from "../../src/diagnostics/diagnostic.js";
import { diskRepoFs } from "../../src/discover/repo-fs.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURE = path.join(ROOT, "test/fixtures/cases/lineage-multi-job-across-depots");

/** The rendered runnables of a repository on disk, as a build compiles them. */
async function renderedOf(root: string) {
  const { config } = await loadConfig(root);
  const fs = diskRepoFs(root);
  const pass = await compileObjects(fs, config, textReader(fs, config.limits.maxFileBytes));
  if (hasErrors(pass.diagnostics) || pass.compiled === undefined)
    throw new Error(`${root} does not compile: ${JSON.stringify(pass.diagnostics)}`);
  return pass.compiled.rendered;
}

/**
 * The lineage as buildLineage assembled it before parts existed (ec6bb00^): one pass over the
 * runnables in order, the last entry of a dataset winning, jobs and first-seen edges sorted.
 */
function lineageBeforeParts(parts: readonly LineagePart[]): Lineage {
  const datasets = new Map<string, Lineage["datasets"][number]>();
  const jobs: Lineage["jobs"] = [];
  const edges: Lineage["edges"] = [];
  for (const p of parts) {
    jobs.push(p.job);
    for (const d of p.datasets) datasets.set(d.address, d);
    edges.push(...p.edges);
  }
  const by =
    <T>(key: (t: T) => string) =>
    (a: T, b: T) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  const edgeKey = (e: Lineage["edges"][number]) => `${e.job}\0${e.dataset}\0${e.access}`;
  const seen = new Set<string>();
  return {
    datasets: [...datasets.values()].sort(by((d) => d.address)),
    jobs: jobs.sort(by((j) => j.id)),
    edges: edges
      .filter((e) => !seen.has(edgeKey(e)) && seen.add(edgeKey(e)) !== undefined)
      .sort(by(edgeKey)),
  };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

interface Repo {
  name: string;
  parts: LineagePart[];
  built: Lineage;
}
const repos: Repo[] = [];

beforeAll(async () => {
  for (const [name, root] of [
    ["the lineage fixture", path.join(FIXTURE, "repo")],
    ["the example platform repo", ROOT],
  ] as const) {
    const rendered = await renderedOf(root);
    const { parts } = await lineageParts(rendered);
    const { lineage } = await buildLineage(rendered);
    repos.push({ name, parts, built: lineage });
  }
});

describe("assembleLineage", () => {
  it("the repositories give a lineage worth shuffling", () => {
    for (const { parts, built } of repos) {
      expect(parts.length).toBeGreaterThan(2);
      expect(built.edges.length).toBeGreaterThan(2);
      // Datasets shared between jobs: the case where the order of parts could matter.
      const touching = parts.flatMap((p) => p.datasets.map((d) => d.address));
      expect(new Set(touching).size).toBeLessThan(touching.length);
    }
  });

  it("equals the fixture's lineage.json, byte for byte", async () => {
    const expected = await readFile(path.join(FIXTURE, "expected/out/lineage.json"), "utf8");
    const fixture = repos[0]!;
    expect(json(assembleLineage([...fixture.parts].reverse()))).toBe(expected);
  });

  it("does not depend on the order of the parts, and equals what buildLineage gave before", () => {
    for (const { name, parts, built } of repos) {
      const before = json(lineageBeforeParts(parts));
      expect(json(built), name).toBe(before);
      fc.assert(
        fc.property(
          fc.shuffledSubarray(parts, { minLength: parts.length, maxLength: parts.length }),
          (shuffled) => {
            expect(json(assembleLineage(shuffled))).toBe(before);
          },
        ),
        { numRuns: 100 },
      );
    }
  });
});

/** Which job or dataset an event file is about, read from the event itself. */
function subjectOf(lineage: Lineage, eventJson: string): { job?: string; dataset?: string } {
  const event = JSON.parse(eventJson) as {
    job?: { namespace: string; name: string };
    dataset?: { namespace: string; name: string };
  };
  if (event.job !== undefined) {
    const { namespace, name } = event.job;
    const job = lineage.jobs.find(
      (j) =>
        `stackyard://${j.workspace}` === namespace &&
        (j.workflow === undefined ? j.name : `${j.workflow}.${j.name}`) === name,
    );
    return { job: job?.id };
  }
  const { namespace, name } = event.dataset!;
  const dataset = lineage.datasets.find((d) => {
    const named = [d.collection, d.dataset].filter((p) => p !== undefined && p !== "none");
    return `dataos://${d.depot}` === namespace && (named.join(".") || d.depot) === name;
  });
  return { dataset: dataset?.address };
}

describe("lineageFilesExcept", () => {
  it("is the full set of files minus exactly the unchanged events, which it names", () => {
    for (const { name, parts } of repos) {
      const full = lineageFilesOf(parts);
      const fullByPath = new Map(full.files.map((f) => [f.path, f.content]));
      expect(fullByPath.size, `${name}: event paths are unique`).toBe(full.files.length);
      const subjects = new Map(
        full.files
          .filter((f) => f.path !== "lineage.json")
          .map((f) => [f.path, subjectOf(full.lineage, f.content)]),
      );
      for (const [p, s] of subjects) expect(s.job ?? s.dataset, p).toBeDefined();
      const jobIds = full.lineage.jobs.map((j) => j.id);
      const addresses = full.lineage.datasets.map((d) => d.address);
      fc.assert(
        fc.property(
          fc.subarray(jobIds),
          fc.subarray(addresses),
          fc.shuffledSubarray(parts, { minLength: parts.length, maxLength: parts.length }),
          (jobs, datasets, shuffled) => {
            const unchanged = {
              job: (id: string) => jobs.includes(id),
              dataset: (address: string) => datasets.includes(address),
            };
            const result = lineageFilesExcept(shuffled, unchanged);
            const expectedSame = [...subjects]
              .filter(([, s]) =>
                s.job !== undefined ? jobs.includes(s.job) : datasets.includes(s.dataset!),
              )
              .map(([p]) => p);
            expect([...result.same].sort()).toEqual(expectedSame.sort());
            for (const p of result.same) expect(fullByPath.has(p), p).toBe(true);
            expect(result.files.map((f) => f.path).sort()).toEqual(
              [...fullByPath.keys()].filter((p) => !expectedSame.includes(p)).sort(),
            );
            for (const f of result.files) expect(f.content, f.path).toBe(fullByPath.get(f.path));
            expect(result.files.some((f) => f.path === "lineage.json")).toBe(true);
            expect(result.lineage).toEqual(full.lineage);
          },
        ),
        { numRuns: 100 },
      );
    }
  });

  it("writes lineage.json even when every job and dataset is unchanged", () => {
    for (const { parts } of repos) {
      const full = lineageFilesOf(parts);
      const result = lineageFilesExcept(parts, { job: () => true, dataset: () => true });
      expect(result.files.map((f) => f.path)).toEqual(["lineage.json"]);
      expect(result.files[0]!.content).toBe(
        full.files.find((f) => f.path === "lineage.json")!.content,
      );
      expect(result.same.length).toBe(full.files.length - 1);
    }
  });

  it("without `unchanged` is lineageFilesOf, with nothing named", () => {
    for (const { parts } of repos) {
      const result = lineageFilesExcept(parts);
      expect(result.same).toEqual([]);
      expect(result.files).toEqual(lineageFilesOf(parts).files);
    }
  });
});
