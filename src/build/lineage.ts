import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { rangeAtPath } from "../parse/node-at-path.js";
import type { RenderedRunnable } from "../render/types.js";
import { parseDatasetAddress } from "../resolve/dataset-address.js";
import { rangeOfScalar } from "../resolve/find-scalar.js";
import { createJqRunner, runAddressFilter, type JqRunner } from "../resolve/jq.js";
import { lineOfOffset } from "./line-of.js";

/** A place in the repository: what lineage.json records for every job and edge. */
export interface LineagePlace {
  file: string;
  line: number;
}

/** `out/lineage.json`: datasets, the jobs that touch them, and read/write edges. */
export interface Lineage {
  datasets: Array<{
    address: string;
    depot: string;
    collection?: string;
    dataset?: string;
    depotType: string;
  }>;
  jobs: Array<
    {
      id: string;
      resourceId: string;
      name: string;
      type: string;
      workspace: string;
      stack: string;
      owner?: string;
      workflow?: string;
      dependsOn: string[];
    } & LineagePlace
  >;
  edges: Array<
    {
      job: string;
      dataset: string;
      access: "read" | "write";
      declaredBy: "lineage.inputs" | "lineage.outputs" | "acl";
    } & LineagePlace
  >;
}

type Job = Lineage["jobs"][number];
type Edge = Lineage["edges"][number];

/** What one runnable adds to the lineage: its job, the datasets it touches and its edges. */
export interface LineagePart {
  job: Job;
  datasets: Array<Lineage["datasets"][number]>;
  edges: Edge[];
}

/**
 * Builds lineage from the addresses each stack's jq filters found. A stack's optional
 * `lineage: {inputs, outputs}` filters say which of them are read and which written; without
 * them, DataOS's convention applies: `?acl=rw` is a write, everything else a read.
 */
export async function buildLineage(
  runnables: readonly RenderedRunnable[],
): Promise<{ lineage: Lineage; diagnostics: Diagnostic[] }> {
  const { parts, diagnostics } = await lineageParts(runnables);
  return { lineage: assembleLineage(parts), diagnostics };
}

/** Each runnable's part of the lineage, in runnable order. */
export async function lineageParts(
  runnables: readonly RenderedRunnable[],
): Promise<{ parts: LineagePart[]; diagnostics: Diagnostic[] }> {
  const parts: LineagePart[] = [];
  const diagnostics: Diagnostic[] = [];
  const jq = runnables.some((r) => r.stack.spec.lineage !== undefined)
    ? createJqRunner()
    : undefined;
  try {
    for (const r of runnables) {
      const job = jobOf(r);
      const part: LineagePart = { job, datasets: [], edges: [] };
      const declared = jq === undefined ? undefined : await declaredAccess(r, jq, diagnostics);
      for (const d of r.datasets) {
        const key = datasetKey(d.address);
        const entry: Lineage["datasets"][number] = {
          address: key,
          depot: d.depot,
          depotType: d.depotResource.spec.type,
        };
        if (d.collection !== undefined) entry.collection = d.collection;
        if (d.dataset !== undefined) entry.dataset = d.dataset;
        part.datasets.push(entry);
        const place = addressPlace(r, d.address);
        for (const [access, declaredBy] of accessOf(key, d.acl, declared))
          part.edges.push({ job: job.id, dataset: key, access, declaredBy, ...place });
      }
      parts.push(part);
    }
  } finally {
    await jq?.close();
  }
  return { parts, diagnostics };
}

/**
 * The lineage of a set of parts. The result does not depend on the parts' order: a dataset's
 * entry follows from its address and depot alone, job ids are unique, and an edge's key names
 * its job, so only edges of one part can repeat each other (the first is kept).
 */
export function assembleLineage(parts: readonly LineagePart[]): Lineage {
  const datasets = new Map<string, Lineage["datasets"][number]>();
  for (const part of parts) for (const d of part.datasets) datasets.set(d.address, d);
  return {
    datasets: sortByKey([...datasets.values()], (d) => d.address),
    jobs: sortByKey(
      parts.map((p) => p.job),
      (j) => j.id,
    ),
    edges: sortByKey(unique(parts.flatMap((p) => p.edges)), edgeKey),
  };
}

/** Dataset identity without the acl query: `dataos://depot:collection/dataset`. */
export function datasetKey(address: string): string {
  return address.replace(/\?.*$/, "");
}

function jobOf(r: RenderedRunnable): Job {
  const resourceId = r.resource.id;
  const origin = r.job ? r.job.origin : r.resource.origin;
  const job: Job = {
    id: jobId(resourceId, r.job?.name),
    resourceId,
    name: r.name,
    type: r.orchestrator,
    workspace: r.workspace,
    stack: r.spec.stack,
    dependsOn: (r.job?.dependencies ?? []).map((d) => jobId(resourceId, d)).sort(),
    file: origin.source.file,
    line: lineOfOffset(origin.source.text, rangeAtPath(origin.source, origin.path).start),
  };
  if (r.resource.meta.owner !== undefined) job.owner = r.resource.meta.owner;
  if (r.job !== undefined) job.workflow = r.resource.meta.name;
  return job;
}

function jobId(resourceId: string, job: string | undefined): string {
  return job === undefined ? resourceId : `${resourceId}/${job}`;
}

/** Where the resource writes an address (the jq filters return values, not positions). */
function addressPlace(r: RenderedRunnable, address: string): LineagePlace {
  const { source, path } = r.specOrigin;
  return {
    file: source.file,
    line: lineOfOffset(source.text, rangeOfScalar(source, [...path, "stackSpec"], address).start),
  };
}

interface Declared {
  inputs: Set<string>;
  outputs: Set<string>;
}

/** The dataset keys the stack's lineage filters call inputs and outputs; undefined without filters. */
async function declaredAccess(
  r: RenderedRunnable,
  jq: JqRunner,
  diagnostics: Diagnostic[],
): Promise<Declared | undefined> {
  const filters = r.stack.spec.lineage;
  if (filters === undefined) return undefined;
  const run = async (side: "inputs" | "outputs"): Promise<Set<string>> => {
    const keys = new Set<string>();
    for (const [i, filter] of filters[side].entries()) {
      const result = await runAddressFilter(jq, filter, r.spec.stackSpec);
      if (!result.ok) {
        const { source } = r.stack.origin;
        diagnostics.push(
          diag(
            "JQ_FILTER_FAILED",
            `lineage.${side} filter ${JSON.stringify(filter)} failed: ${result.error}`,
            { file: source.file, range: rangeAtPath(source, ["stack", "lineage", side, i]) },
          ),
        );
        continue;
      }
      for (const v of result.values.flat()) {
        if (typeof v === "string" && !("error" in parseDatasetAddress(v))) keys.add(datasetKey(v));
      }
    }
    return keys;
  };
  return { inputs: await run("inputs"), outputs: await run("outputs") };
}

/** How a job touches a dataset: as the lineage filters declare, else by its acl. */
function accessOf(
  key: string,
  acl: "r" | "rw",
  declared: Declared | undefined,
): Array<[Edge["access"], Edge["declaredBy"]]> {
  const found: Array<[Edge["access"], Edge["declaredBy"]]> = [];
  if (declared?.inputs.has(key)) found.push(["read", "lineage.inputs"]);
  if (declared?.outputs.has(key)) found.push(["write", "lineage.outputs"]);
  return found.length > 0 ? found : [[acl === "rw" ? "write" : "read", "acl"]];
}

/**
 * Sorts by a string key, stably, by code unit. Each key is built once, not twice per
 * comparison: the edge key is a concatenation, and there are tens of thousands of edges.
 */
function sortByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, key: key(item) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((keyed) => keyed.item);
}

function edgeKey(e: Edge): string {
  return `${e.job}\0${e.dataset}\0${e.access}`;
}

function unique(edges: readonly Edge[]): Edge[] {
  const seen = new Set<string>();
  return edges.filter((e) => {
    const key = edgeKey(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
