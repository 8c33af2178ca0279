/**
 * Small builders of the compile stage's inputs. Each resource is written out as a manifest and
 * parsed with `yaml`, so origins carry real source ranges (diagnostic positions and
 * `stackyard.dev/source` lines are then the ones a user would see).
 */
import { parseDocument, stringify } from "yaml";
import { DEFAULT_CONFIG, type StackyardConfig } from "../../src/config/types.js";
import type { ParsedDocument } from "../../src/parse/types.js";
import type { RenderedRunnable } from "../../src/render/types.js";
import type { ResolvedDataset } from "../../src/resolve/types.js";
import type {
  ComputeResource,
  DepotResource,
  Origin,
  RunnableSpec,
  SecretResource,
  ServiceSpec,
  StackResource,
  StackSpecDef,
  VolumeResource,
  WorkerSpec,
  WorkflowJob,
  WorkflowResource,
  WorkflowSpec,
  ServiceResource,
  WorkerResource,
} from "../../src/validate/types.js";

/** A config: the defaults with overrides (deep enough for the nested sections we vary). */
export function makeConfig(overrides: Partial<StackyardConfig> = {}): StackyardConfig {
  return structuredClone({ ...DEFAULT_CONFIG, ...overrides }) as StackyardConfig;
}

/** Parses a manifest object as the single document of `file`, with `lead` lines before it. */
export function parsedDoc(manifest: unknown, file: string, lead = ""): ParsedDocument {
  const text = `${lead}${stringify(manifest)}`;
  return { doc: parseDocument(text) as ParsedDocument["doc"], file, index: 0, text };
}

function origin(source: ParsedDocument, path: Origin["path"] = []): Origin {
  return { path, source };
}

export function makeStack(spec: Partial<StackSpecDef> = {}): StackResource {
  const full: StackSpecDef = {
    arguments: [],
    command: ["run"],
    dataOsAddressJqFilters: [],
    environmentVars: { STACK_VAR: "s" },
    image: { image: "tool", registry: "docker.io", repository: "acme", tag: "1.0" },
    name: "tool",
    reconciler: "stackManager",
    version: "1.0",
    ...spec,
  };
  const source = parsedDoc(
    { name: full.name, stack: full, type: "stack" },
    `stacks/${full.name}.yaml`,
  );
  return {
    builtin: false,
    id: `stack:v1alpha:${full.name}:public`,
    meta: meta("stack", full.name, "public", "v1alpha"),
    origin: origin(source),
    spec: full,
  };
}

export function makeCompute(
  nodePool: ComputeResource["spec"]["nodePool"] = { nodeSelector: {}, tolerations: [] },
): ComputeResource {
  const source = parsedDoc({ name: "runnable-default", type: "compute" }, "resources/compute.yaml");
  return {
    id: "compute:v1beta:runnable-default:public",
    meta: { ...meta("compute", "runnable-default", "public", "v1beta"), layer: "system" },
    origin: origin(source),
    spec: { nodePool, purpose: "runnable" },
  };
}

export function makeVolume(
  name: string,
  spec: Partial<VolumeResource["spec"]> = {},
  workspace = "sandbox",
): VolumeResource {
  const full = {
    accessMode: "ReadWriteOnce",
    size: "1Gi",
    type: "persistent",
    ...spec,
  } as VolumeResource["spec"];
  const source = parsedDoc(
    { name, type: "volume", volume: full, workspace },
    `resources/volume-${name}.yaml`,
  );
  return {
    id: `volume:v1beta:${name}:${workspace}`,
    meta: meta("volume", name, workspace, "v1beta"),
    origin: origin(source),
    spec: full,
  };
}

export function makeSecret(
  name: string,
  spec: Partial<SecretResource["spec"]> = {},
  opts: { type?: "secret" | "instance-secret"; workspace?: string } = {},
): SecretResource {
  const type = opts.type ?? "secret";
  const workspace = opts.workspace ?? "sandbox";
  const full = {
    acl: "r",
    data: {},
    files: {},
    type: "key-value",
    ...spec,
  } as SecretResource["spec"];
  const source = parsedDoc({ name, type, [type]: full }, `resources/${type}-${name}.yaml`);
  return {
    id: `${type}:v1:${name}:${workspace}`,
    meta: meta(type, name, workspace, "v1"),
    origin: origin(source),
    spec: full,
  };
}

export function makeDepot(name: string, secrets: string[]): DepotResource {
  const source = parsedDoc({ name, type: "depot" }, `resources/depot-${name}.yaml`);
  return {
    id: `depot:v2alpha:${name}:public`,
    meta: meta("depot", name, "public", "v2alpha"),
    origin: origin(source),
    spec: {
      connection: {},
      external: true,
      secrets: secrets.map((s) => ({ allKeys: true, name: s })),
      type: "S3",
    },
  };
}

/** A dataset address resolved against a depot, as the resolve stage hands it over. */
export function makeDataset(
  address: string,
  depot: DepotResource,
  acl: "r" | "rw",
  secretNames: string[],
): ResolvedDataset {
  const secretKeys = Object.fromEntries(secretNames.map((n) => [n, []]));
  return { acl, address, depot: depot.meta.name, depotResource: depot, secretNames, secretKeys };
}

export function runnableSpec(overrides: Partial<RunnableSpec> = {}): RunnableSpec {
  return {
    compute: "runnable-default",
    configs: {},
    dataosSecrets: [],
    dataosVolumes: [],
    dryRun: false,
    envs: {},
    logLevel: "INFO",
    secrets: [],
    stack: "tool:1.0",
    stackSpec: {},
    topology: [],
    ...overrides,
  };
}

export function makeService(
  name: string,
  spec: Partial<ServiceSpec> = {},
  workspace = "sandbox",
): ServiceResource {
  const full: ServiceSpec = { ...runnableSpec(), replicas: 1, servicePorts: [], ...spec };
  const source = parsedDoc(
    { name, service: full, type: "service", version: "v1", workspace },
    `resources/${name}.yaml`,
    "# service\n",
  );
  return {
    id: `service:v1:${name}:${workspace}`,
    meta: meta("service", name, workspace, "v1"),
    origin: origin(source),
    spec: full,
  };
}

export function makeWorker(
  name: string,
  spec: Partial<WorkerSpec> = {},
  workspace = "sandbox",
): WorkerResource {
  const full: WorkerSpec = { ...runnableSpec(), replicas: 1, ...spec };
  const source = parsedDoc(
    { name, type: "worker", version: "v1beta", worker: full, workspace },
    `resources/${name}.yaml`,
  );
  return {
    id: `worker:v1beta:${name}:${workspace}`,
    meta: meta("worker", name, workspace, "v1beta"),
    origin: origin(source),
    spec: full,
  };
}

/** A job of `makeWorkflow`: name, dependencies and the rest of a dag entry. */
export type JobInput = Partial<Omit<WorkflowJob, "origin" | "specPath" | "spec">> & {
  name: string;
  spec?: Partial<RunnableSpec>;
};

export function makeWorkflow(
  name: string,
  jobs: JobInput[],
  schedule?: WorkflowSpec["schedule"],
  workspace = "sandbox",
): WorkflowResource {
  const dag = jobs.map((j) => ({ dependencies: [], tags: [], ...j, spec: runnableSpec(j.spec) }));
  const manifest = {
    name,
    type: "workflow",
    version: "v1",
    workflow: { dag, ...(schedule ? { schedule } : {}) },
    workspace,
  };
  const source = parsedDoc(manifest, `resources/${name}.yaml`);
  const spec: WorkflowSpec = {
    dag: dag.map((j, i) => ({
      ...j,
      origin: origin(source, ["workflow", "dag", i]),
      specPath: ["workflow", "dag", i, "spec"],
    })) as WorkflowJob[],
  };
  if (schedule) spec.schedule = schedule;
  return {
    id: `workflow:v1:${name}:${workspace}`,
    meta: meta("workflow", name, workspace, "v1"),
    origin: origin(source),
    spec,
  };
}

/** What a rendered runnable may differ in from the defaults. */
export type RunnableInput = Partial<Omit<RenderedRunnable, "resource" | "orchestrator" | "name">>;

/** The rendered runnable of a Worker or Service, or of one job of a Workflow. */
export function makeRunnable(
  resource: ServiceResource | WorkerResource | WorkflowResource,
  input: RunnableInput & { jobName?: string } = {},
): RenderedRunnable {
  const { jobName, ...rest } = input;
  const job =
    resource.meta.type === "workflow"
      ? (resource as WorkflowResource).spec.dag.find((j) => j.name === jobName)
      : undefined;
  const spec = job ? job.spec : (resource.spec as RunnableSpec);
  const specOrigin = job
    ? origin(job.origin.source, job.specPath)
    : origin(resource.origin.source, [resource.meta.type]);
  const r: RenderedRunnable = {
    compute: makeCompute(),
    configFiles: {},
    dataosVolumes: [],
    datasets: [],
    extraObjects: [],
    image: "docker.io/acme/tool:1.0",
    imagePullSecrets: [],
    initContainers: [],
    inlinedConfigs: {},
    name: job ? job.name : resource.meta.name,
    orchestrator: resource.meta.type,
    resource,
    secrets: [],
    sidecars: [],
    spec,
    specOrigin,
    stack: makeStack(),
    stamp: "",
    templates: {},
    volumes: [],
    workspace: resource.meta.workspace,
    ...rest,
  };
  if (job) r.job = job;
  return r;
}

function meta<T extends string>(type: T, name: string, workspace: string, version: string) {
  return { layer: "user" as const, name, tags: ["demo"], type, version, workspace };
}
