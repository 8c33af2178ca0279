import { declaredKeys } from "../validate/secret-keys.js";
import type { StackyardConfig } from "../config/types.js";
import { diag, type Diagnostic, type SourceLocation } from "../diagnostics/diagnostic.js";
import { didYouMean, formatChoices } from "../diagnostics/suggest.js";
import { rangeAtPath } from "../parse/node-at-path.js";
import type { NodePath, ParsedDocument } from "../parse/types.js";
import { validateStackSpec } from "../validate/stack-spec.js";
import type {
  ComputeResource,
  DatabaseResource,
  DepotResource,
  Origin,
  Resource,
  RunnableResource,
  RunnableSpec,
  SecretResource,
  StackResource,
  StackTemplates,
  VolumeResource,
  WorkflowJob,
} from "../validate/types.js";
import { parseDatasetAddress } from "./dataset-address.js";
import { rangeOfScalar } from "./find-scalar.js";
import { createJqRunner, DEFAULT_JQ_LIMITS, runAddressFilter, type JqRunner } from "./jq.js";
import { makeStamp } from "./stamp.js";
import { lookupStack, stackKey, type StackRegistry } from "./stack-registry.js";
import type {
  Orchestrator,
  ResolvedDataset,
  ResolvedRunnable,
  ResolvedSecretRef,
} from "./types.js";

/** What Kubernetes allows as a ConfigMap key (a file name in the volume). */
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** Reads a repository file named by a manifest (`configs:`), relative to the manifest. */
export type RepoTextReader = (
  fromFile: string,
  ref: string,
  at: SourceLocation,
) => Promise<{ text: string } | { diagnostic: Diagnostic }>;

export interface ResolveInput {
  config: StackyardConfig;
  resources: readonly Resource[];
  registry: StackRegistry;
  readText: RepoTextReader;
}

/** The compute every DataOS instance has, available even when the repo does not define it. */
const BUILTIN_COMPUTE = "runnable-default";

/** Resolves every Worker, Service and Workflow job: stack, schema, compute, volumes, secrets, datasets. */
export async function resolveRunnables(
  input: ResolveInput,
): Promise<{ runnables: ResolvedRunnable[]; diagnostics: Diagnostic[] }> {
  const index = indexResources(input.resources);
  const diagnostics: Diagnostic[] = [];
  const runnables: ResolvedRunnable[] = [];
  const needsJq = input.registry.all.some((s) => s.spec.dataOsAddressJqFilters.length > 0);
  const jq = needsJq
    ? createJqRunner({ ...DEFAULT_JQ_LIMITS, ...input.config.limits.jq })
    : undefined;
  try {
    await resolveAll(input, index, jq, runnables, diagnostics);
  } finally {
    await jq?.close();
  }
  return { runnables, diagnostics };
}

async function resolveAll(
  input: ResolveInput,
  index: Index,
  jq: JqRunner | undefined,
  runnables: ResolvedRunnable[],
  diagnostics: Diagnostic[],
): Promise<void> {
  for (const resource of input.resources) {
    if (resource.meta.type === "workflow") {
      for (const job of (resource as Extract<RunnableResource, { meta: { type: "workflow" } }>).spec
        .dag) {
        const r = await resolveOne(
          input,
          index,
          jq,
          resource as RunnableResource,
          job.spec,
          { source: job.origin.source, path: job.specPath },
          job,
          diagnostics,
        );
        if (r) runnables.push(r);
      }
    } else if (resource.meta.type === "worker" || resource.meta.type === "service") {
      const runnable = resource as Extract<
        RunnableResource,
        { meta: { type: "worker" | "service" } }
      >;
      const r = await resolveOne(
        input,
        index,
        jq,
        runnable,
        runnable.spec,
        { source: resource.origin.source, path: [resource.meta.type] },
        undefined,
        diagnostics,
      );
      if (r) runnables.push(r);
    }
  }
}

export interface Index {
  computes: Map<string, ComputeResource>;
  volumes: Map<string, VolumeResource>;
  secrets: Map<string, SecretResource>;
  instanceSecrets: Map<string, SecretResource>;
  depots: Map<string, DepotResource>;
  databases: Map<string, DatabaseResource>;
}

export function indexResources(resources: readonly Resource[]): Index {
  const ix: Index = {
    computes: new Map(),
    volumes: new Map(),
    secrets: new Map(),
    instanceSecrets: new Map(),
    depots: new Map(),
    databases: new Map(),
  };
  for (const r of resources) {
    const ws = `${r.meta.workspace}/${r.meta.name}`;
    if (r.meta.type === "compute") ix.computes.set(r.meta.name, r as ComputeResource);
    else if (r.meta.type === "volume") ix.volumes.set(ws, r as VolumeResource);
    else if (r.meta.type === "secret") ix.secrets.set(ws, r as SecretResource);
    else if (r.meta.type === "instance-secret")
      ix.instanceSecrets.set(r.meta.name, r as SecretResource);
    else if (r.meta.type === "depot") ix.depots.set(r.meta.name, r as DepotResource);
    else if (r.meta.type === "database") ix.databases.set(ws, r as DatabaseResource);
  }
  return ix;
}

const CONFIG_BLOCK: Record<Orchestrator, "workflowJobConfig" | "workerConfig" | "serviceConfig"> = {
  workflow: "workflowJobConfig",
  worker: "workerConfig",
  service: "serviceConfig",
};

async function resolveOne(
  input: ResolveInput,
  ix: Index,
  jq: JqRunner | undefined,
  resource: RunnableResource,
  spec: RunnableSpec,
  specOrigin: Origin,
  job: WorkflowJob | undefined,
  diagnostics: Diagnostic[],
): Promise<ResolvedRunnable | undefined> {
  const at = (path: NodePath, part: "key" | "value" = "value"): SourceLocation => ({
    file: specOrigin.source.file,
    range: rangeAtPath(specOrigin.source, [...specOrigin.path, ...path], part),
  });
  const orchestrator = resource.meta.type;
  const workspace = resource.meta.workspace;
  const before = diagnostics.length;

  // An unknown stack does not stop the rest: compute, volumes and secrets are still checked,
  // so one run reports every mistake of the runnable.
  const stack = resolveStack(
    input.registry,
    orchestrator,
    spec.stack,
    spec.stackSpec,
    specOrigin.source,
    specOrigin.path,
    diagnostics,
  );
  const templates: StackTemplates | undefined = stack?.spec[CONFIG_BLOCK[orchestrator]];

  const compute = resolveCompute(ix, spec.compute, at(["compute"]), diagnostics);
  const volume = (name: string, path: NodePath): VolumeResource | undefined => {
    const v = ix.volumes.get(`${workspace}/${name}`);
    if (!v) {
      const names = [...ix.volumes.keys()]
        .filter((k) => k.startsWith(`${workspace}/`))
        .map((k) => k.slice(workspace.length + 1));
      diagnostics.push(
        diag(
          "UNKNOWN_VOLUME",
          `no volume ${JSON.stringify(name)} in workspace ${workspace}`,
          at(path),
          { hint: suggestion(name, names, "volumes here") },
        ),
      );
    }
    return v;
  };
  const tempVolume =
    spec.tempVolume !== undefined ? volume(spec.tempVolume, ["tempVolume"]) : undefined;
  const persistent = spec.persistentVolume
    ? volume(spec.persistentVolume.name, ["persistentVolume", "name"])
    : undefined;
  const dataosVolumes = spec.dataosVolumes.flatMap((m, i) => {
    const v = volume(m.name, ["dataosVolumes", i, "name"]);
    return v
      ? [
          {
            volume: v,
            readOnly: m.readOnly,
            ...(m.directory ? { directory: m.directory } : {}),
            ...(m.subPath ? { subPath: m.subPath } : {}),
          },
        ]
      : [];
  });
  const secrets = [
    ...resolveSecrets(ix, spec.secrets, workspace, (i) => at(["secrets", i]), diagnostics),
    ...resolveSecrets(
      ix,
      spec.dataosSecrets,
      workspace,
      (i) => at(["dataosSecrets", i, "name"]),
      diagnostics,
    ),
  ];
  const datasets =
    jq && stack
      ? await resolveDatasets(
          ix,
          jq,
          stack.spec.dataOsAddressJqFilters,
          spec,
          specOrigin,
          stack,
          diagnostics,
        )
      : [];
  const database = resolveDatabase(ix, spec, workspace, at, diagnostics);
  const inlinedConfigs: Record<string, string> = {};
  for (const [fileName, ref] of Object.entries(spec.configs)) {
    // The key becomes a ConfigMap key and a file name in the container.
    if (!CONFIG_KEY.test(fileName) || fileName.length > 253 || /^\.\.?$/.test(fileName)) {
      diagnostics.push(
        diag(
          "INVALID_NAME",
          `${JSON.stringify(fileName)} cannot be a ConfigMap key: it becomes a file name in the container`,
          at(["configs", fileName], "key"),
          { hint: "use letters, digits, '-', '_' and '.' only (config.yaml, app.properties)" },
        ),
      );
      continue;
    }
    const read = await input.readText(specOrigin.source.file, ref, at(["configs", fileName]));
    if ("diagnostic" in read) diagnostics.push(read.diagnostic);
    else inlinedConfigs[fileName] = read.text;
  }
  if (diagnostics.length > before && diagnostics.slice(before).some((d) => d.severity === "error"))
    return undefined;
  if (!stack || !templates || !compute) return undefined;

  const name = job ? job.name : resource.meta.name;
  const resolved: ResolvedRunnable = {
    resource,
    orchestrator,
    name,
    workspace,
    stamp: makeStamp(
      input.config.stamp,
      orchestrator,
      name,
      workspace,
      job === undefined ? undefined : resource.meta.name,
    ),
    spec,
    specOrigin,
    stack,
    templates,
    compute,
    dataosVolumes,
    secrets,
    datasets,
    inlinedConfigs,
  };
  if (job) resolved.job = job;
  const image = imageOf(stack.spec.image);
  if (image) resolved.image = image;
  if (tempVolume) resolved.tempVolume = tempVolume;
  if (persistent && spec.persistentVolume) {
    const pv = spec.persistentVolume;
    resolved.persistentVolume = {
      volume: persistent,
      readOnly: pv.readOnly,
      ...(pv.directory ? { directory: pv.directory } : {}),
      ...(pv.subPath ? { subPath: pv.subPath } : {}),
    };
  }
  if (database) resolved.database = database;
  return resolved;
}

/**
 * A runnable's stack: looked up by its reference, able to run as `orchestrator`, and its
 * stackSpec checked against the stack's schema. Problems go to `diagnostics`; the stack comes
 * back when the reference names one. `specPath` is the path of the runnable's spec (the section,
 * or a dag job's `spec`) in `source`.
 */
export function resolveStack(
  registry: StackRegistry,
  orchestrator: Orchestrator,
  ref: string,
  stackSpec: unknown,
  source: ParsedDocument,
  specPath: NodePath,
  diagnostics: Diagnostic[],
): StackResource | undefined {
  const at: SourceLocation = {
    file: source.file,
    range: rangeAtPath(source, [...specPath, "stack"]),
  };
  const found = lookupStack(registry, ref, at);
  if ("diagnostic" in found) {
    diagnostics.push(found.diagnostic);
    return undefined;
  }
  const stack = found.stack;
  const block = CONFIG_BLOCK[orchestrator];
  if (!stack.spec[block]) {
    const supported = (Object.keys(CONFIG_BLOCK) as Orchestrator[]).filter(
      (o) => stack.spec[CONFIG_BLOCK[o]] !== undefined,
    );
    diagnostics.push(
      diag(
        "STACK_ORCHESTRATOR_UNSUPPORTED",
        `stack ${stackKey(stack)} cannot be orchestrated by a ${orchestrator}: it has no \`${block}\``,
        at,
        {
          hint:
            supported.length > 0
              ? `this stack runs in: ${supported.join(", ")}`
              : "the stack defines no orchestrator config at all",
          related: [
            {
              file: stack.origin.source.file,
              range: rangeAtPath(stack.origin.source, ["stack"]),
              message: `stack ${stackKey(stack)} is defined here`,
            },
          ],
        },
      ),
    );
  }
  diagnostics.push(
    ...validateStackSpec(stack, stackSpec, source, [...specPath, "stackSpec"], stackKey(stack)),
  );
  return stack;
}

export function resolveCompute(
  ix: Index,
  name: string,
  at: SourceLocation,
  diagnostics: Diagnostic[],
): ComputeResource | undefined {
  const compute =
    ix.computes.get(name) ?? (name === BUILTIN_COMPUTE ? builtinCompute() : undefined);
  if (!compute) {
    const names = [...new Set([BUILTIN_COMPUTE, ...ix.computes.keys()])].sort();
    diagnostics.push(
      diag("UNKNOWN_COMPUTE", `no compute is named ${JSON.stringify(name)}`, at, {
        hint: suggestion(name, names, "computes"),
      }),
    );
    return undefined;
  }
  if (compute.spec.purpose !== "runnable") {
    diagnostics.push(
      diag(
        "COMPUTE_NOT_RUNNABLE",
        `compute ${name} has purpose ${compute.spec.purpose}, not runnable`,
        at,
        {
          hint: `Workflows, Workers and Services run on a runnable compute such as ${BUILTIN_COMPUTE}`,
        },
      ),
    );
  }
  return compute;
}

let builtinComputeResource: ComputeResource | undefined;

/** `runnable-default`: no node selector, no tolerations. */
function builtinCompute(): ComputeResource {
  builtinComputeResource ??= {
    meta: {
      name: BUILTIN_COMPUTE,
      version: "v1beta",
      type: "compute",
      tags: [],
      layer: "system",
      workspace: "public",
    },
    spec: { purpose: "runnable", nodePool: { nodeSelector: {}, tolerations: [] } },
    origin: {
      source: { file: "<built-in>", index: 0, doc: undefined as never, text: "" },
      path: [],
    },
    id: `compute:v1beta:${BUILTIN_COMPUTE}:public`,
  };
  return builtinComputeResource;
}

function resolveSecrets(
  ix: Index,
  refs: RunnableSpec["dataosSecrets"],
  workspace: string,
  at: (i: number) => SourceLocation,
  diagnostics: Diagnostic[],
): ResolvedSecretRef[] {
  return refs.flatMap((ref, i) => {
    const secret =
      ix.secrets.get(`${ref.workspace ?? workspace}/${ref.name}`) ??
      (ref.workspace === undefined ? ix.instanceSecrets.get(ref.name) : undefined);
    if (!secret) {
      const names = [
        ...[...ix.secrets.keys()]
          .filter((k) => k.startsWith(`${ref.workspace ?? workspace}/`))
          .map((k) => k.split("/")[1]!),
        ...ix.instanceSecrets.keys(),
      ];
      diagnostics.push(
        diag(
          "UNKNOWN_SECRET",
          `no secret ${JSON.stringify(ref.name)} in workspace ${ref.workspace ?? workspace} and no instance-secret of that name`,
          at(i),
          { hint: suggestion(ref.name, names, "secrets") },
        ),
      );
      return [];
    }
    const declared = declaredKeys(secret);
    const keys = ref.key !== undefined ? [ref.key] : (ref.keys ?? declared);
    return [{ ref, secret, k8sName: secret.spec.existingSecret ?? secret.meta.name, keys }];
  });
}

async function resolveDatasets(
  ix: Index,
  jq: JqRunner,
  filters: readonly string[],
  spec: RunnableSpec,
  specOrigin: Origin,
  stack: ResolvedRunnable["stack"],
  diagnostics: Diagnostic[],
): Promise<ResolvedDataset[]> {
  const seen = new Map<string, ResolvedDataset>();
  for (const [fi, filter] of filters.entries()) {
    const result = await runAddressFilter(jq, filter, spec.stackSpec);
    if (!result.ok) {
      diagnostics.push(
        diag(
          "JQ_FILTER_FAILED",
          `dataset filter ${JSON.stringify(filter)} of stack ${stackKey(stack)} failed: ${result.error}`,
          {
            file: stack.origin.source.file,
            range: rangeAtPath(stack.origin.source, ["stack", "dataOsAddressJqFilters", fi]),
          },
        ),
      );
      continue;
    }
    for (const value of result.values) {
      if (typeof value !== "string" || seen.has(value)) continue;
      const where = {
        file: specOrigin.source.file,
        range: rangeOfScalar(specOrigin.source, [...specOrigin.path, "stackSpec"], value),
      };
      const parsed = parseDatasetAddress(value);
      if ("error" in parsed) {
        diagnostics.push(
          diag(
            "INVALID_DATASET_ADDRESS",
            `${JSON.stringify(value)} is not a dataset address`,
            where,
            { hint: parsed.error },
          ),
        );
        continue;
      }
      const depot = ix.depots.get(parsed.depot);
      if (!depot) {
        diagnostics.push(
          diag(
            "UNKNOWN_DEPOT",
            `no depot is named ${JSON.stringify(parsed.depot)} (in ${value})`,
            where,
            { hint: suggestion(parsed.depot, [...ix.depots.keys()].sort(), "depots") },
          ),
        );
        continue;
      }
      const secretNames = depotSecretsFor(depot, parsed.acl);
      const secretKeys = Object.fromEntries(
        secretNames.map((n) => [n, declaredKeys(ix.instanceSecrets.get(n))]),
      );
      seen.set(value, { ...parsed, depotResource: depot, secretNames, secretKeys });
    }
  }
  return [...seen.values()];
}

/** DataOS names a depot's secrets `<x>-r` and `<x>-rw`; pick by acl, else use them all. */
function depotSecretsFor(depot: DepotResource, acl: "r" | "rw"): string[] {
  const names = depot.spec.secrets.map((s) => s.name);
  const matching = names.filter((n) => n.endsWith(`-${acl}`));
  return matching.length > 0 ? matching : names;
}

/** A `stackSpec.source: {type: database, name, workspace}` (Beacon) names a Database resource. */
function resolveDatabase(
  ix: Index,
  spec: RunnableSpec,
  workspace: string,
  at: (p: NodePath) => SourceLocation,
  diagnostics: Diagnostic[],
): DatabaseResource | undefined {
  const source = spec.stackSpec.source;
  if (
    typeof source !== "object" ||
    source === null ||
    Array.isArray(source) ||
    source.type !== "database" ||
    typeof source.name !== "string"
  )
    return undefined;
  const ws = typeof source.workspace === "string" ? source.workspace : workspace;
  const db = ix.databases.get(`${ws}/${source.name}`);
  if (!db) {
    const names = [...ix.databases.keys()]
      .filter((k) => k.startsWith(`${ws}/`))
      .map((k) => k.split("/")[1]!);
    diagnostics.push(
      diag(
        "UNKNOWN_DATABASE",
        `no database ${JSON.stringify(source.name)} in workspace ${ws}`,
        at(["stackSpec", "source", "name"]),
        { hint: suggestion(source.name, names, "databases") },
      ),
    );
  }
  return db;
}

function imageOf(image: ResolvedRunnable["stack"]["spec"]["image"]): string | undefined {
  if (!image) return undefined;
  const path = [image.registry, image.repository, image.image].filter(Boolean).join("/");
  const withDigest = (image as { digest?: string }).digest;
  return withDigest ? `${path}@${withDigest}` : `${path}:${image.tag ?? "latest"}`;
}

function suggestion(input: string, names: string[], what: string): string {
  const guess = didYouMean(input, names);
  if (names.length === 0) return `there are no ${what} defined`;
  return guess
    ? `did you mean \`${guess}\`? ${what}: ${formatChoices(names)}`
    : `${what}: ${formatChoices(names)}`;
}
