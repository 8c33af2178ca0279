import type { CheckedDocument } from "./validate-envelope.js";
import type {
  Autoscaling,
  ComputeSpec,
  DatabaseSpec,
  DataosSecretRef,
  DepotSpec,
  JsonObject,
  Resource,
  ResourceMeta,
  ResourceType,
  RunnableSpec,
  SecretSpec,
  ServiceSpec,
  StackSpecDef,
  StackTemplates,
  VolumeMount,
  VolumeSpec,
  WorkerSpec,
} from "./types.js";

type Obj = Record<string, unknown>;

/** Builds the common meta section, with the documented defaults. */
export function toMeta(value: Obj, defaultWorkspace: string): ResourceMeta {
  const meta: ResourceMeta = {
    name: value.name as string,
    version: value.version as string,
    type: value.type as ResourceType,
    tags: (value.tags as string[] | undefined) ?? [],
    layer: (value.layer as "user" | "system" | undefined) ?? "user",
    workspace: (value.workspace as string | undefined) ?? defaultWorkspace,
  };
  if (typeof value.description === "string") meta.description = value.description;
  if (typeof value.owner === "string") meta.owner = value.owner;
  if (isStringMap(value.annotations)) meta.annotations = value.annotations;
  return meta;
}

/** `type:version:name:workspace`, the order of DataOS's DATAOS_RESOURCE_ID. */
export function resourceId(meta: ResourceMeta): string {
  return `${meta.type}:${meta.version}:${meta.name}:${meta.workspace}`;
}

/**
 * Converts a document that passed its envelope schema into a typed resource with defaults.
 * Workflows are built elsewhere (their dag may include other files).
 */
export function toResource(
  checked: CheckedDocument,
  defaultWorkspace: string,
): Resource | undefined {
  const meta = toMeta(checked.value, defaultWorkspace);
  const section = checked.value[checked.type] as Obj;
  const origin = { source: checked.source, path: [] };
  const base = { origin, id: resourceId(meta) };
  switch (checked.type) {
    case "stack":
      return { ...base, meta: { ...meta, type: "stack" }, spec: toStack(section), builtin: false };
    case "worker":
      return { ...base, meta: { ...meta, type: "worker" }, spec: toWorker(section) };
    case "service":
      return { ...base, meta: { ...meta, type: "service" }, spec: toService(section) };
    case "compute":
      return { ...base, meta: { ...meta, type: "compute" }, spec: toCompute(section) };
    case "volume":
      return { ...base, meta: { ...meta, type: "volume" }, spec: section as unknown as VolumeSpec };
    case "secret":
    case "instance-secret":
      return {
        ...base,
        meta: { ...meta, type: checked.type },
        spec: toSecret(section, checked.value.sops as JsonObject | undefined),
      };
    case "depot":
      return { ...base, meta: { ...meta, type: "depot" }, spec: toDepot(section) };
    case "database":
      return { ...base, meta: { ...meta, type: "database" }, spec: section as DatabaseSpec };
    default:
      return undefined;
  }
}

/** Runnable fields with defaults (reference §3.2). */
export function toRunnable(s: Obj): RunnableSpec {
  const spec: RunnableSpec = {
    stack: s.stack as string,
    compute: s.compute as string,
    stackSpec: (s.stackSpec as JsonObject | undefined) ?? {},
    // Empty means "the platform default" (stackyard.yaml platform.logLevel).
    logLevel: (s.logLevel as string | undefined) ?? "",
    configs: (s.configs as Record<string, string> | undefined) ?? {},
    envs: stringValues(s.envs),
    secrets: ((s.secrets as unknown[] | undefined) ?? []).map((x) =>
      typeof x === "string" ? toSecretRef({ name: x }) : toSecretRef(x as Obj),
    ),
    dataosSecrets: ((s.dataosSecrets as Obj[] | undefined) ?? []).map(toSecretRef),
    dataosVolumes: ((s.dataosVolumes as Obj[] | undefined) ?? []).map(toVolumeMount),
    // DataOS documents both `true` and `false` as the default; running is what users expect.
    dryRun: (s.dryRun as boolean | undefined) ?? false,
    topology: (s.topology as JsonObject[] | undefined) ?? [],
  };
  if (typeof s.tempVolume === "string") spec.tempVolume = s.tempVolume;
  if (s.persistentVolume) spec.persistentVolume = toVolumeMount(s.persistentVolume as Obj);
  if (s.resources) spec.resources = stringQuantities(s.resources as Obj);
  if (typeof s.runAsUser === "string") spec.runAsUser = s.runAsUser;
  if (typeof s.runAsApiKey === "string") spec.runAsApiKey = s.runAsApiKey;
  const ha = s.highAvailabilityConfig as Obj | undefined;
  if (ha) {
    spec.highAvailabilityConfig = {
      level: ha.level as "hostname" | "zone" | "region",
      mode: (ha.mode as "preferred" | "required" | undefined) ?? "preferred",
    };
  }
  return spec;
}

function toWorker(s: Obj): WorkerSpec {
  const spec: WorkerSpec = { ...toRunnable(s), replicas: (s.replicas as number | undefined) ?? 1 };
  if (typeof s.title === "string") spec.title = s.title;
  if (s.autoScaling) spec.autoScaling = toAutoscaling(s.autoScaling as Obj);
  return spec;
}

function toService(s: Obj): ServiceSpec {
  const spec: ServiceSpec = {
    ...toRunnable(s),
    replicas: (s.replicas as number | undefined) ?? 1,
    servicePorts: ((s.servicePorts as Obj[] | undefined) ?? []) as ServiceSpec["servicePorts"],
  };
  if (typeof s.title === "string") spec.title = s.title;
  if (typeof s.servicePort === "number") spec.servicePort = s.servicePort;
  if (s.autoScaling) spec.autoScaling = toAutoscaling(s.autoScaling as Obj);
  const ing = s.ingress as Obj | undefined;
  if (ing) {
    spec.ingress = {
      enabled: (ing.enabled as boolean | undefined) ?? false,
      path: (ing.path as string | undefined) ?? "/",
      stripPath: (ing.stripPath as boolean | undefined) ?? false,
      noAuthentication: (ing.noAuthentication as boolean | undefined) ?? true,
      annotations: (ing.annotations as Record<string, string> | undefined) ?? {},
    };
    if (typeof ing.appDetailSpec === "string") spec.ingress.appDetailSpec = ing.appDetailSpec;
    if (typeof ing.apiDetailSpec === "string") spec.ingress.apiDetailSpec = ing.apiDetailSpec;
  }
  return spec;
}

/** Service defaults from the reference: enabled true, minReplicas 1, CPU target 80. */
function toAutoscaling(a: Obj): Autoscaling {
  const min = (a.minReplicas as number | undefined) ?? 1;
  const out: Autoscaling = {
    enabled: (a.enabled as boolean | undefined) ?? true,
    minReplicas: min,
    maxReplicas: (a.maxReplicas as number | undefined) ?? Math.max(min, 1),
  };
  const cpu = a.targetCPUUtilizationPercentage as number | undefined;
  const mem = a.targetMemoryUtilizationPercentage as number | undefined;
  if (cpu !== undefined) out.targetCPUUtilizationPercentage = cpu;
  if (mem !== undefined) out.targetMemoryUtilizationPercentage = mem;
  if (cpu === undefined && mem === undefined) out.targetCPUUtilizationPercentage = 80;
  return out;
}

function toStack(s: Obj): StackSpecDef {
  const def: StackSpecDef = {
    name: s.name as string,
    version: s.version as string,
    reconciler: (s.reconciler as string | undefined) ?? "stackManager",
    dataOsAddressJqFilters: (s.dataOsAddressJqFilters as string[] | undefined) ?? [],
    command: (s.command as string[] | undefined) ?? [],
    arguments: (s.arguments as string[] | undefined) ?? [],
    environmentVars: stringValues(s.environmentVars),
  };
  if (typeof s.flavor === "string") def.flavor = s.flavor;
  if (Array.isArray(s.aliases)) def.aliases = s.aliases as string[];
  if (typeof s.summary === "string") def.summary = s.summary;
  if (s.secretProjection)
    def.secretProjection = s.secretProjection as StackSpecDef["secretProjection"];
  if (s.image) def.image = s.image as StackSpecDef["image"];
  if (s.ports) {
    const p = s.ports as Obj;
    def.ports = {
      name: (p.name as string | undefined) ?? "http",
      servicePort: p.servicePort as number,
      targetPort: (p.targetPort as number | undefined) ?? (p.servicePort as number),
    };
  }
  const schema = s.stackSpecValueSchema as Obj | undefined;
  if (schema) def.jsonSchema = schema.jsonSchema as string;
  const wf = s.workflowJobConfig as Obj | undefined;
  if (wf) {
    const rt = wf.resourceTemplateConfig as Obj | undefined;
    def.workflowJobConfig = templatesOf(wf);
    if (rt) {
      def.workflowJobConfig.resourceTemplate = rt.resourceTemplate as string;
      if (typeof rt.successCondition === "string")
        def.workflowJobConfig.successCondition = rt.successCondition;
      if (typeof rt.failureCondition === "string")
        def.workflowJobConfig.failureCondition = rt.failureCondition;
    }
  }
  if (s.workerConfig) def.workerConfig = templatesOf(s.workerConfig as Obj);
  if (s.serviceConfig) def.serviceConfig = templatesOf(s.serviceConfig as Obj);
  if (s.podSecurity) def.podSecurity = s.podSecurity as StackSpecDef["podSecurity"];
  if (Array.isArray(s.clusterScopedKinds))
    def.clusterScopedKinds = s.clusterScopedKinds as string[];
  if (s.metrics) {
    const m = s.metrics as Obj;
    def.metrics = { port: m.port as number, path: (m.path as string | undefined) ?? "/metrics" };
  }
  if (s.probes) def.probes = s.probes as StackSpecDef["probes"];
  if (s.lineage) {
    const l = s.lineage as Obj;
    def.lineage = {
      inputs: (l.inputs as string[] | undefined) ?? [],
      outputs: (l.outputs as string[] | undefined) ?? [],
    };
  }
  return def;
}

function templatesOf(c: Obj): StackTemplates {
  const t: StackTemplates = {};
  if (typeof c.configFileTemplate === "string") t.configFileTemplate = c.configFileTemplate;
  if (typeof c.containerResourceTemplate === "string")
    t.containerResourceTemplate = c.containerResourceTemplate;
  if (typeof c.resourceTemplate === "string") t.resourceTemplate = c.resourceTemplate;
  if (typeof c.extraResourcesTemplate === "string")
    t.extraResourcesTemplate = c.extraResourcesTemplate;
  return t;
}

function toCompute(s: Obj): ComputeSpec {
  const pool = (s.nodePool as Obj | undefined) ?? {};
  const spec: ComputeSpec = {
    purpose: s.purpose as string,
    nodePool: {
      nodeSelector: (pool.nodeSelector as Record<string, string> | undefined) ?? {},
      tolerations: (pool.tolerations as JsonObject[] | undefined) ?? [],
    },
  };
  if (typeof s.dataplane === "string") spec.dataplane = s.dataplane;
  return spec;
}

function toSecret(s: Obj, sops: JsonObject | undefined): SecretSpec {
  const spec: SecretSpec = {
    type: s.type as string,
    acl: s.acl as "r" | "rw",
    data: secretValues(s.data),
    files: (s.files as Record<string, string> | undefined) ?? {},
  };
  if (typeof s.description === "string") spec.description = s.description;
  if (s.externalRef) spec.externalRef = s.externalRef as SecretSpec["externalRef"];
  if (typeof s.existingSecret === "string") spec.existingSecret = s.existingSecret;
  if (typeof s.sopsFile === "string") spec.sopsFile = s.sopsFile;
  if (sops) spec.sops = sops;
  return spec;
}

function toDepot(s: Obj): DepotSpec {
  const type = s.type as string;
  const spec: DepotSpec = {
    type,
    external: (s.external as boolean | undefined) ?? false,
    secrets: ((s.secrets as Obj[] | undefined) ?? []).map((x) => {
      const ref: DepotSpec["secrets"][number] = {
        name: x.name as string,
        allKeys: (x.allkeys as boolean | undefined) ?? true,
      };
      if (Array.isArray(x.keys)) ref.keys = x.keys as string[];
      return ref;
    }),
    connection: (s[type.toLowerCase()] as JsonObject | undefined) ?? {},
  };
  if (typeof s.description === "string") spec.description = s.description;
  if (typeof s.compute === "string") spec.compute = s.compute;
  if (s.spec) spec.spec = s.spec as JsonObject;
  return spec;
}

function toSecretRef(x: Obj): DataosSecretRef {
  const ref: DataosSecretRef = {
    name: x.name as string,
    allKeys: (x.allKeys as boolean | undefined) ?? (x.key === undefined && x.keys === undefined),
    consumptionType:
      (x.consumptionType as DataosSecretRef["consumptionType"] | undefined) ?? "envVars",
  };
  if (typeof x.workspace === "string") ref.workspace = x.workspace;
  if (typeof x.key === "string") ref.key = x.key;
  if (Array.isArray(x.keys)) ref.keys = x.keys as string[];
  return ref;
}

function toVolumeMount(x: Obj): VolumeMount {
  const m: VolumeMount = {
    name: x.name as string,
    readOnly: (x.readOnly as boolean | undefined) ?? false,
  };
  if (typeof x.directory === "string") m.directory = x.directory;
  if (typeof x.subPath === "string") m.subPath = x.subPath;
  return m;
}

function stringValues(x: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((x as Obj | undefined) ?? {})) out[k] = String(v);
  return out;
}

/** Secret values as strings; a null value (a key declared for an external store) becomes "". */
function secretValues(x: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((x as Obj | undefined) ?? {}))
    out[k] = v === null ? "" : String(v);
  return out;
}

function stringQuantities(r: Obj): NonNullable<RunnableSpec["resources"]> {
  const out: NonNullable<RunnableSpec["resources"]> = {};
  if (r.requests) out.requests = stringValues(r.requests);
  if (r.limits) out.limits = stringValues(r.limits);
  return out;
}

function isStringMap(value: unknown): value is Record<string, string> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === "string")
  );
}
