import type {
  ComputeResource,
  DataosSecretRef,
  DatabaseResource,
  DepotResource,
  Origin,
  RunnableResource,
  RunnableSpec,
  SecretResource,
  StackResource,
  StackTemplates,
  VolumeResource,
  WorkflowJob,
} from "../validate/types.js";

export type Orchestrator = "workflow" | "worker" | "service";

/** A parsed dataset address `dataos://depot[:collection[/dataset]][?acl=r|rw]`. */
export interface DatasetAddress {
  address: string;
  depot: string;
  collection?: string;
  dataset?: string;
  acl: "r" | "rw";
}

/** A dataset address found by a stack jq filter, resolved against the repo's Depot manifests. */
export interface ResolvedDataset extends DatasetAddress {
  depotResource: DepotResource;
  /** The depot's instance secrets that match the acl (`-r` / `-rw` suffix convention, else all). */
  secretNames: string[];
  /** The keys each of those secrets declares (for per-key `secretKeyRef`s in templates). */
  secretKeys: Record<string, string[]>;
}

/** A `dataosSecrets` entry resolved to the Secret resource that defines it. */
export interface ResolvedSecretRef {
  ref: DataosSecretRef;
  secret: SecretResource;
  /** Kubernetes Secret name in the runnable's namespace. */
  k8sName: string;
  /** The keys to project: `key`/`keys`, or every key the secret declares for allKeys. */
  keys: string[];
}

/**
 * One thing that runs: a Worker, a Service, or one job of a Workflow, with every reference
 * resolved. Everything a template or an orchestrator module needs is here.
 */
export interface ResolvedRunnable {
  resource: RunnableResource;
  /** Set for a Workflow job. */
  job?: WorkflowJob;
  orchestrator: Orchestrator;
  /** The runnable's name: the resource name, or the DAG job name for a Workflow job. */
  name: string;
  workspace: string;
  /** The deterministic DataOS-style stamp, including its leading hyphen, or "". */
  stamp: string;
  spec: RunnableSpec;
  /** Where `spec` lives in its source (for positioned diagnostics). */
  specOrigin: Origin;
  stack: StackResource;
  /** The stack's config block for this orchestrator. */
  templates: StackTemplates;
  compute: ComputeResource;
  /** `registry/repository/image:tag` of the stack image, when the stack has one. */
  image?: string;
  tempVolume?: VolumeResource;
  persistentVolume?: {
    volume: VolumeResource;
    directory?: string;
    readOnly: boolean;
    subPath?: string;
  };
  dataosVolumes: Array<{
    volume: VolumeResource;
    directory?: string;
    readOnly: boolean;
    subPath?: string;
  }>;
  secrets: ResolvedSecretRef[];
  datasets: ResolvedDataset[];
  /** A Beacon-style `stackSpec.source` database, when present. */
  database?: DatabaseResource;
  /** `configs:` files inlined from the repo: file name → content. */
  inlinedConfigs: Record<string, string>;
}
