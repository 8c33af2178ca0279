import type { Lineage } from "./lineage.js";

/**
 * Static OpenLineage events (spec 2-0-2 `JobEvent` and `DatasetEvent`): what each job reads and
 * writes, for a lineage server (Marquez, DataHub…) to import before anything has run.
 *
 * `eventTime` is required by the spec; out/ must be byte-stable, so it is always the Unix epoch
 * (`1970-01-01T00:00:00Z`), which says "declared, not observed". A server orders static events by
 * arrival, not by this time.
 */
export const STATIC_EVENT_TIME = "1970-01-01T00:00:00.000Z";

/** The `producer` URI of every event and facet. */
export const PRODUCER = "https://github.com/stackyard/stackyard";

const SPEC = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs";

type Json = Record<string, unknown>;

/** One event file: its path under out/lineage/ and its JSON. */
export interface LineageEvent {
  path: string;
  event: Json;
}

/** One JobEvent per job and one DatasetEvent per dataset, sorted by path. */
export function openLineageEvents(lineage: Lineage): LineageEvent[] {
  return openLineageEventList(lineage).map((e) => ({ path: e.path, event: e.event() }));
}

/**
 * The events of `openLineageEvents`, each with the job or dataset it is about and built only
 * when asked for: an incremental build writes only the events of what changed.
 */
export function openLineageEventList(
  lineage: Lineage,
): Array<{ path: string; job?: string; dataset?: string; event: () => Json }> {
  const datasets = new Map(lineage.datasets.map((d) => [d.address, d]));
  const edgesByJob = groupBy(lineage.edges, (e) => e.job);
  const jobs = lineage.jobs.map((job) => {
    const id = jobIdentity(job);
    return {
      path: `jobs/${fileName(id.namespace, id.name)}.json`,
      job: job.id,
      event: () => {
        const edges = edgesByJob.get(job.id) ?? [];
        const refs = (access: "read" | "write") =>
          edges.filter((e) => e.access === access).map((e) => datasetRef(datasets.get(e.dataset)!));
        return {
          eventTime: STATIC_EVENT_TIME,
          producer: PRODUCER,
          schemaURL: `${SPEC}/JobEvent`,
          job: { ...id, facets: jobFacets(job) },
          inputs: refs("read"),
          outputs: refs("write"),
        };
      },
    };
  });
  const sets = lineage.datasets.map((d) => {
    const ref = datasetRef(d);
    return {
      path: `datasets/${fileName(ref.namespace, ref.name)}.json`,
      dataset: d.address,
      event: () => ({
        eventTime: STATIC_EVENT_TIME,
        producer: PRODUCER,
        schemaURL: `${SPEC}/DatasetEvent`,
        dataset: {
          ...ref,
          facets: {
            datasource: facet(
              "https://openlineage.io/spec/facets/1-0-1/DatasourceDatasetFacet.json#/$defs/DatasourceDatasetFacet",
              { name: d.depot, uri: `dataos://${d.depot}` },
            ),
          },
        },
      }),
    };
  });
  return [...jobs, ...sets].sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Items by key, each group in the items' order: one pass, where a filter per key is quadratic. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) groups.set(key(item), [item]);
    else group.push(item);
  }
  return groups;
}

/** Jobs live in their workspace's namespace; a Workflow job is `<workflow>.<job>`. */
function jobIdentity(job: Lineage["jobs"][number]): { namespace: string; name: string } {
  return {
    namespace: `stackyard://${job.workspace}`,
    name: job.workflow === undefined ? job.name : `${job.workflow}.${job.name}`,
  };
}

/** Datasets live in their depot's namespace, named `collection.dataset`. */
function datasetRef(d: Lineage["datasets"][number]): { namespace: string; name: string } {
  const name = [d.collection, d.dataset]
    .filter((p): p is string => p !== undefined && p !== "none")
    .join(".");
  return { namespace: `dataos://${d.depot}`, name: name === "" ? d.depot : name };
}

function jobFacets(job: Lineage["jobs"][number]): Json {
  const facets: Json = {
    jobType: facet(
      "https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet",
      {
        processingType: job.type === "workflow" ? "BATCH" : "STREAMING",
        integration: "STACKYARD",
        jobType: job.type.toUpperCase(),
      },
    ),
    stackyard: facet(
      "https://github.com/stackyard/stackyard/blob/main/docs/lineage.md#the-stackyard-job-facet",
      {
        resourceId: job.resourceId,
        stack: job.stack,
        file: job.file,
        line: job.line,
      },
    ),
  };
  if (job.owner !== undefined) {
    facets.ownership = facet(
      "https://openlineage.io/spec/facets/1-0-1/OwnershipJobFacet.json#/$defs/OwnershipJobFacet",
      { owners: [{ name: job.owner }] },
    );
  }
  return facets;
}

function facet(schemaURL: string, fields: Json): Json {
  return { _producer: PRODUCER, _schemaURL: schemaURL, ...fields };
}

/** A file name from a namespace and a name: lower case, safe characters only. */
function fileName(namespace: string, name: string): string {
  return `${namespace.replace(/^[a-z]+:\/\//, "")}--${name}`
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-");
}
