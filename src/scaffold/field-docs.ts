/**
 * One line of plain words per manifest field: the hover text of the editor schemas and the
 * "meaning" column of docs/manifests.md. Paths are dotted property names (`[]` for list items)
 * inside the envelope schemas of src/validate; a test checks every path exists there.
 */

/** Fields every manifest has. */
export const META_DOCS: Record<string, string> = {
  name: "The resource's name: lowercase letters, digits and '-', at most 48 characters.",
  version: "The manifest version of this resource type.",
  type: "The resource type; the section of the same name holds its settings.",
  tags: "Free-form tags, copied to labels and to the template context.",
  description: "One sentence on what this resource is for.",
  owner: "The person or team that owns the resource.",
  layer: "`user` (the default) or `system`.",
  workspace:
    "The workspace, which becomes the Kubernetes namespace; defaults to `defaultWorkspace` in stackyard.yaml.",
};

/** Fields shared by Workflow jobs (`dag[].spec`), Workers and Services. */
export const RUNNABLE_DOCS: Record<string, string> = {
  stack:
    "The stack that runs this: `name[+flavor][:version]`, e.g. `container:1.0`. Without a version, the highest release (a pre-release such as `2.0-rc.1` only when there is no release).",
  compute: "The compute (node pool) to run on; `runnable-default` is built in.",
  stackSpec: "The stack's own settings, checked against the stack's JSON Schema.",
  logLevel: "Log level passed to the stack: INFO, WARN, DEBUG or ERROR.",
  configs: "Files to mount in the config folder: file name → path of a file in the repository.",
  envs: "Environment variables: name → value (numbers and booleans are passed as strings).",
  secrets: "Secrets to mount: a secret name, or a mapping with name, keys and consumptionType.",
  dataosSecrets: "Secrets to mount (the older spelling of `secrets`).",
  dataosVolumes: "Volumes to mount under /var/dataos/persistent.",
  tempVolume: "A volume mounted as the temporary data folder.",
  persistentVolume: "A volume mounted under /var/dataos/persistent/<directory>.",
  resources:
    "CPU, memory and ephemeral-storage requests and limits of the main container, each a number or a Kubernetes quantity (`500m`, `1.5`, `512Mi`, `1Gi`).",
  dryRun: "Render and validate, but run nothing.",
  runAsUser: "The user the job runs as (recorded; stackyard does not impersonate).",
  runAsApiKey: "DataOS API key (not used by stackyard; accepted so DataOS manifests compile).",
  topology: "The logical inputs, steps and outputs of the job, for documentation and lineage.",
  highAvailabilityConfig:
    "Spread replicas over hostnames, zones or regions (topologySpreadConstraints).",
  title: "A human title.",
};

/** Section fields, by resource type. */
export const SECTION_DOCS: Record<string, Record<string, string>> = {
  stack: {
    name: "The stack's name, used in `stack: name[+flavor][:version]`.",
    flavor: "A variant of the stack (`soda+python`); optional.",
    version: 'The stack\'s version, e.g. "1.0"; quote it so YAML keeps it a string.',
    aliases: "Other names this stack answers to (stackyard extension).",
    summary: "One paragraph on what the stack runs (stackyard extension; shown in docs).",
    reconciler: "DataOS's reconciler; stackyard accepts it and ignores it.",
    dataOsAddressJqFilters: "jq filters that find dataset addresses (`dataos://…`) in a stackSpec.",
    secretProjection: "How depot credentials reach the container: `envVars` or `propFile`.",
    image: "The stack's container image; a resource may also name its own in stackSpec.",
    command: "The container's entrypoint.",
    arguments: "Arguments to the entrypoint.",
    environmentVars: "Environment variables set in every container of this stack.",
    ports: "The port the stack serves (metrics or HTTP).",
    stackSpecValueSchema: "The JSON Schema (a JSON string) every resource's stackSpec must match.",
    workflowJobConfig: "Templates used when a Workflow job runs this stack.",
    workerConfig: "Templates used when a Worker runs this stack.",
    serviceConfig: "Templates used when a Service runs this stack.",
    podSecurity: "Pod security profile; `restricted` unless the stack needs less.",
    clusterScopedKinds:
      "Cluster-scoped kinds (ClusterRole, ClusterRoleBinding…) its templates may render, emitted without a namespace (never a workflow step's object); any other is refused (stackyard extension).",
  },
  workflow: {
    title: "A human title.",
    schedule: "Run on a cron schedule (an Argo CronWorkflow); without it the workflow runs once.",
    "schedule.cron":
      'Five numeric fields (minute, hour, day of month, month, day of week), e.g. "15 2 * * *", or @hourly, @daily, @weekly, @monthly, @yearly or @every 1h; checked as Argo\'s CronWorkflow takes it.',
    "schedule.concurrencyPolicy": "What to do when a run is still going: Allow, Forbid or Replace.",
    "schedule.timezone": "IANA time zone of the cron expression, e.g. Europe/Berlin.",
    "schedule.endOn": "Stop scheduling after this time (RFC 3339), e.g. 2027-01-01T00:00:00Z.",
    dag: "The jobs, run in dependency order.",
    "dag.[].name": "The job's name, unique within the workflow.",
    "dag.[].spec": "What the job runs: stack, compute, stackSpec and the runnable fields.",
    "dag.[].file": "Include the job (or a workflow's jobs) from another file.",
    "dag.[].dependencies": "Jobs that must succeed before this one starts.",
    "dag.[].retry": "Retry a failed job: count, strategy, duration.",
    "dag.[].retry.duration":
      "Wait before the first retry (Argo's backoff): seconds ('30') or a duration ('30s', '10m', '1h30m').",
    "dag.[].retry.maxDuration":
      "Stop retrying this long after the first attempt started: seconds or a duration, as `duration`.",
    "dag.[].gcWhenComplete": "Delete the job's pods when it completes.",
  },
  worker: {
    replicas: "How many pods run.",
    autoScaling: "Horizontal pod autoscaling on CPU and memory.",
  },
  service: {
    replicas: "How many pods run.",
    autoScaling: "Horizontal pod autoscaling on CPU and memory.",
    "autoScaling.minReplicas": "Fewest pods the autoscaler keeps.",
    "autoScaling.maxReplicas": "Most pods the autoscaler starts; at least minReplicas.",
    "autoScaling.targetCPUUtilizationPercentage": "Average CPU use (% of requests) to scale at.",
    "autoScaling.targetMemoryUtilizationPercentage":
      "Average memory use (% of requests) to scale at.",
    "ingress.enabled": "Create the Ingress (or HTTPRoute).",
    servicePort: "The port the Service listens on (and the container's port).",
    servicePorts: "Several named ports, instead of servicePort.",
    ingress: "Expose the service through the platform ingress under a path.",
    "ingress.path": "The URL path, starting with '/'.",
    "ingress.stripPath": "Remove the path prefix before the request reaches the service.",
  },
  compute: {
    purpose: "`runnable` for Workflows, Workers and Services.",
    nodePool: "Node selector and tolerations applied to every pod on this compute.",
  },
  volume: {
    size: "Storage size, e.g. 10Gi.",
    accessMode: "ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.",
    type: "`persistent` (a PersistentVolumeClaim) or `temp`.",
    storageClassName: "The Kubernetes storage class; the cluster default when absent.",
  },
  secret: {
    type: "The kind of secret: key-value, key-value-properties, certificate, …",
    acl: "`r` (read) or `rw` (read-write).",
    data: "Keys of the secret; values are never written to out/ (see secrets.mode).",
    files: "Keys whose values are files in the secret store.",
    externalRef: "Where the value lives in the external secret store.",
    existingSecret: "Use this existing Kubernetes Secret instead.",
  },
  depot: {
    type: "The depot's storage type, e.g. ABFSS, POSTGRESQL, S3.",
    external: "The data lives outside the platform.",
    secrets: "Secrets holding the depot's credentials, for read (`r`) and read-write (`rw`).",
    spec: "Connection details (bucket, host, database, …).",
  },
  database: {
    migrate: "SQL migrations to run: files, inline statements and the command.",
    host: "Database host; defaults to <name>.<workspace>.svc.cluster.local.",
    port: "Database port (default 5432).",
    secret: "The Secret with the database credentials (default <name>-db).",
  },
};
SECTION_DOCS["instance-secret"] = SECTION_DOCS.secret!;
