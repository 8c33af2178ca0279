import type { ParsedDocument, NodePath } from "../parse/types.js";

/** Where a value came from: a document and the path of the value inside it. */
export interface Origin {
  source: ParsedDocument;
  path: NodePath;
}

export type ResourceType =
  | "stack"
  | "workflow"
  | "worker"
  | "service"
  | "compute"
  | "volume"
  | "secret"
  | "instance-secret"
  | "depot"
  | "database";

/** The common meta section, with defaults applied. */
export interface ResourceMeta {
  name: string;
  version: string;
  type: ResourceType;
  tags: string[];
  description?: string;
  owner?: string;
  /** stackyard extension: `stackyard.dev/waive.<policy>: <reason>` waives a policy. */
  annotations?: Record<string, string>;
  layer: "user" | "system";
  /** Workspace = namespace. Instance-level resources carry the default but do not use it. */
  workspace: string;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Runnable fields shared by Workflow jobs, Workers and Services (reference §3.2). */
export interface RunnableSpec {
  stack: string;
  compute: string;
  stackSpec: JsonObject;
  /** INFO, WARN, DEBUG or ERROR; "" when the manifest names none (the platform default applies). */
  logLevel: string;
  configs: Record<string, string>;
  envs: Record<string, string>;
  /** The deprecated `secrets:` list (names, or the dataosSecrets mapping form). */
  secrets: DataosSecretRef[];
  dataosSecrets: DataosSecretRef[];
  dataosVolumes: VolumeMount[];
  tempVolume?: string;
  persistentVolume?: VolumeMount;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  dryRun: boolean;
  runAsUser?: string;
  runAsApiKey?: string;
  topology: JsonObject[];
  highAvailabilityConfig?: {
    level: "hostname" | "zone" | "region";
    mode: "preferred" | "required";
  };
}

export interface DataosSecretRef {
  name: string;
  workspace?: string;
  key?: string;
  keys?: string[];
  allKeys: boolean;
  consumptionType: "envVars" | "propFile" | "file";
}

export interface VolumeMount {
  name: string;
  directory?: string;
  readOnly: boolean;
  subPath?: string;
}

export interface Autoscaling {
  enabled: boolean;
  minReplicas: number;
  maxReplicas: number;
  targetCPUUtilizationPercentage?: number;
  targetMemoryUtilizationPercentage?: number;
}

export interface WorkflowJob {
  name: string;
  title?: string;
  description?: string;
  tags: string[];
  gcWhenComplete?: boolean;
  spec: RunnableSpec;
  retry?: {
    count?: number;
    strategy: "Always" | "OnFailure" | "OnError" | "OnTransientError";
    duration?: string;
    maxDuration?: string;
  };
  dependencies: string[];
  /** Where the job's fields live: the dag entry, or the included file that supplied it. */
  origin: Origin;
  /** Path of the job's `spec` inside origin.source. */
  specPath: NodePath;
}

export interface WorkflowSpec {
  title?: string;
  schedule?: {
    cron: string;
    concurrencyPolicy: "Allow" | "Forbid" | "Replace";
    timezone?: string;
    endOn?: string;
  };
  dag: WorkflowJob[];
}

export interface WorkerSpec extends RunnableSpec {
  title?: string;
  replicas: number;
  autoScaling?: Autoscaling;
}

export interface ServiceSpec extends RunnableSpec {
  title?: string;
  replicas: number;
  servicePort?: number;
  servicePorts: Array<{ name: string; servicePort: number; targetPort?: number }>;
  ingress?: {
    enabled: boolean;
    path: string;
    stripPath: boolean;
    noAuthentication: boolean;
    annotations: Record<string, string>;
    appDetailSpec?: string;
    apiDetailSpec?: string;
  };
  autoScaling?: Autoscaling;
}

export interface StackTemplates {
  configFileTemplate?: string;
  containerResourceTemplate?: string;
  /** stackyard extension: a YAML list of extra Kubernetes objects emitted with the runnable. */
  extraResourcesTemplate?: string;
  /** Workflow: from resourceTemplateConfig; Worker: resourceTemplate. */
  resourceTemplate?: string;
  successCondition?: string;
  failureCondition?: string;
}

export interface StackSpecDef {
  name: string;
  flavor?: string;
  version: string;
  /** Other stack names that resolve to this stack (stackyard extension; `benthos` for bento). */
  aliases?: string[];
  /** One paragraph on what the stack runs (stackyard extension; shown by `stackyard stacks`). */
  summary?: string;
  reconciler: string;
  dataOsAddressJqFilters: string[];
  secretProjection?: { type: "envVars" | "propFile" };
  image?: {
    registry?: string;
    repository?: string;
    image: string;
    tag?: string;
    auth?: { imagePullSecret: string };
  };
  command: string[];
  arguments: string[];
  environmentVars: Record<string, string>;
  ports?: { name: string; servicePort: number; targetPort: number };
  /** The stackSpec JSON Schema, as the JSON string the manifest holds. */
  jsonSchema?: string;
  workflowJobConfig?: StackTemplates;
  workerConfig?: StackTemplates;
  serviceConfig?: StackTemplates;
  /** Pod security: a stack may opt out of the restricted profile (e.g. a root init step). */
  podSecurity?: { profile: "restricted" | "baseline" | "privileged" };
  /**
   * stackyard extension: the cluster-scoped kinds (ClusterRole…) its templates may render
   * (never as a workflow step's object); any other cluster-scoped kind is refused.
   */
  clusterScopedKinds?: string[];
  /** stackyard extension: where the runnable serves Prometheus metrics. */
  metrics?: { port: number; path: string };
  /** stackyard extension: probes added to the main container of Workers and Services. */
  probes?: { readiness?: StackProbe; liveness?: StackProbe; startup?: StackProbe };
  /** stackyard extension: jq filters telling the datasets read from those written. */
  lineage?: { inputs: string[]; outputs: string[] };
}

/** A probe as a stack declares it: an HTTP path, a TCP port or a command, plus timings. */
export interface StackProbe {
  path?: string;
  port?: number | string;
  command?: string[];
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
}

export interface ComputeSpec {
  dataplane?: string;
  purpose: string;
  nodePool: { nodeSelector: Record<string, string>; tolerations: JsonObject[] };
}

export interface VolumeSpec {
  size: string;
  accessMode: "ReadWriteOnce" | "ReadOnlyMany" | "ReadWriteMany" | "ReadWriteOncePod";
  type: "persistent" | "temp" | "CloudTemp" | "CloudPersistent";
  storageClassName?: string;
}

export interface SecretSpec {
  type: string;
  acl: "r" | "rw";
  description?: string;
  /** Key → value. Plain values are refused unless SOPS-encrypted (ENC[...]). */
  data: Record<string, string>;
  files: Record<string, string>;
  /** External reference: where the value lives in the external store (stackyard extension). */
  externalRef?: { key: string; property?: string; version?: string };
  /** Reference to an existing Kubernetes Secret (stackyard extension). */
  existingSecret?: string;
  /** SOPS metadata block when the file is SOPS-encrypted. */
  sops?: JsonObject;
  /** Repository path of a SOPS-encrypted Kubernetes Secret manifest (secrets.mode sops). */
  sopsFile?: string;
  /** That manifest, read and checked by the build: its exact text and its parsed object. */
  sopsManifest?: { text: string; object: JsonObject };
}

export interface DepotSpec {
  type: string;
  description?: string;
  external: boolean;
  compute?: string;
  secrets: Array<{ name: string; allKeys: boolean; keys?: string[] }>;
  /** The connection block named after the depot type in lower case (`abfss`, `postgresql`…). */
  connection: JsonObject;
  spec?: JsonObject;
}

export interface DatabaseSpec {
  migrate?: JsonObject;
  manageAsUser?: string;
  compute?: string;
  /** Connection details (stackyard extension; DataOS provisions these itself). */
  host?: string;
  port?: number;
  database?: string;
  secret?: string;
}

interface ResourceBase<T extends ResourceType, S> {
  meta: ResourceMeta & { type: T };
  spec: S;
  /** The whole document. */
  origin: Origin;
  /** type:version:name:workspace (DataOS DATAOS_RESOURCE_ID order). */
  id: string;
}

export type StackResource = ResourceBase<"stack", StackSpecDef> & { builtin: boolean };
export type WorkflowResource = ResourceBase<"workflow", WorkflowSpec>;
export type WorkerResource = ResourceBase<"worker", WorkerSpec>;
export type ServiceResource = ResourceBase<"service", ServiceSpec>;
export type ComputeResource = ResourceBase<"compute", ComputeSpec>;
export type VolumeResource = ResourceBase<"volume", VolumeSpec>;
export type SecretResource = ResourceBase<"secret" | "instance-secret", SecretSpec>;
export type DepotResource = ResourceBase<"depot", DepotSpec>;
export type DatabaseResource = ResourceBase<"database", DatabaseSpec>;

export type Resource =
  | StackResource
  | WorkflowResource
  | WorkerResource
  | ServiceResource
  | ComputeResource
  | VolumeResource
  | SecretResource
  | DepotResource
  | DatabaseResource;

export type RunnableResource = WorkflowResource | WorkerResource | ServiceResource;
