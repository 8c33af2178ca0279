import {
  anyObject,
  autoscaling,
  bool,
  DEPOT_NAME,
  envMap,
  int,
  obj,
  RESOURCE_NAME,
  runnableProperties,
  str,
  strList,
  strMap,
  type Schema,
} from "./common.js";
import { CLUSTER_SCOPED_KIND_NAMES } from "../cluster-scoped.js";

/** The manifest `version:` each type accepts (reference §1). */
export const VERSIONS: Record<string, readonly string[]> = {
  stack: ["v1alpha", "v1beta", "v1"],
  workflow: ["v1"],
  worker: ["v1beta", "v1"],
  service: ["v1"],
  compute: ["v1beta"],
  volume: ["v1beta"],
  secret: ["v1", "v1beta1"],
  "instance-secret": ["v1"],
  depot: ["v1", "v2alpha"],
  database: ["v1"],
};

const stackTemplates = (resource: "plain" | "conditions"): Schema =>
  obj({
    configFileTemplate: str,
    containerResourceTemplate: str,
    // stackyard extension: more objects the stack needs next to each runnable (a Role, a PDB…).
    extraResourcesTemplate: str,
    ...(resource === "conditions"
      ? {
          resourceTemplateConfig: obj(
            { resourceTemplate: str, successCondition: str, failureCondition: str },
            ["resourceTemplate"],
          ),
        }
      : { resourceTemplate: str }),
  });

/** A stack's probe: HTTP `path` (+ `port`), TCP `port` alone, or `command`; plus timings. */
const PROBE: Schema = obj({
  path: { type: "string", pattern: "^/" },
  port: { type: ["integer", "string"] },
  command: strList,
  initialDelaySeconds: int(0),
  periodSeconds: int(1),
  timeoutSeconds: int(1),
  failureThreshold: int(1),
});

/** One `workflow.dag[]` entry: a job with a spec, or a `file` to include. */
export const DAG_ENTRY: Schema = obj(
  {
    name: { type: "string", pattern: RESOURCE_NAME, maxLength: 48 },
    title: str,
    description: str,
    tags: strList,
    gcWhenComplete: bool,
    spec: obj(runnableProperties, ["stack", "compute"]),
    file: str,
    retry: obj({
      count: int(0),
      strategy: { enum: ["Always", "OnFailure", "OnError", "OnTransientError"] },
      duration: str,
      maxDuration: str,
    }),
    dependencies: strList,
  },
  ["name"],
);

/** A file included by `dag[].file` that holds one job rather than a whole Workflow. */
export const JOB_FRAGMENT: Schema = {
  ...DAG_ENTRY,
  $id: "stackyard:job-fragment",
  required: ["spec"],
};

const SECTIONS: Record<string, Schema> = {
  stack: obj(
    {
      name: str,
      flavor: str,
      version: str,
      // stackyard extensions: other names this stack answers to, and a one-paragraph summary.
      aliases: strList,
      summary: str,
      reconciler: {
        enum: ["stackManager", "StackManager", "LegacyStackManager", "alphaLegacyStackManager"],
      },
      dataOsAddressJqFilters: strList,
      secretProjection: obj({ type: { enum: ["envVars", "propFile"] } }, ["type"]),
      image: obj(
        {
          registry: str,
          repository: str,
          image: str,
          tag: str,
          digest: { type: "string", pattern: "^sha256:[a-f0-9]{64}$" },
          auth: obj({ imagePullSecret: str }, ["imagePullSecret"]),
        },
        ["image"],
      ),
      command: strList,
      arguments: strList,
      environmentVars: envMap,
      ports: obj({ name: str, servicePort: int(1, 65535), targetPort: int(1, 65535) }, [
        "servicePort",
      ]),
      stackSpecValueSchema: obj({ jsonSchema: str }, ["jsonSchema"]),
      workflowJobConfig: stackTemplates("conditions"),
      workerConfig: stackTemplates("plain"),
      serviceConfig: stackTemplates("plain"),
      podSecurity: obj({ profile: { enum: ["restricted", "baseline", "privileged"] } }, [
        "profile",
      ]),
      // stackyard extension: the cluster-scoped kinds its templates may render (none unless listed).
      clusterScopedKinds: { type: "array", items: { enum: [...CLUSTER_SCOPED_KIND_NAMES] } },
      // stackyard extensions: observability and lineage, declared once by the stack.
      metrics: obj({ port: int(1, 65535), path: { type: "string", pattern: "^/" } }, ["port"]),
      probes: obj({ readiness: PROBE, liveness: PROBE, startup: PROBE }),
      lineage: obj({ inputs: strList, outputs: strList }),
    },
    ["name", "version"],
  ),
  workflow: obj(
    {
      title: str,
      schedule: obj(
        {
          cron: str,
          concurrencyPolicy: { enum: ["Allow", "Forbid", "Replace"] },
          timezone: str,
          endOn: str,
        },
        ["cron"],
      ),
      dag: { type: "array", minItems: 1, items: DAG_ENTRY },
    },
    ["dag"],
  ),
  worker: obj({ ...runnableProperties, replicas: int(0), autoScaling: autoscaling }, [
    "stack",
    "compute",
  ]),
  service: obj(
    {
      ...runnableProperties,
      replicas: int(0),
      autoScaling: autoscaling,
      servicePort: int(1, 65535),
      servicePorts: {
        type: "array",
        items: obj({ name: str, servicePort: int(1, 65535), targetPort: int(1, 65535) }, [
          "name",
          "servicePort",
        ]),
      },
      ingress: obj({
        enabled: bool,
        path: { type: "string", pattern: "^/" },
        stripPath: bool,
        noAuthentication: bool,
        appDetailSpec: str,
        apiDetailSpec: str,
        annotations: strMap,
      }),
    },
    ["stack", "compute"],
  ),
  compute: obj(
    {
      dataplane: str,
      purpose: { enum: ["runnable", "query", "gpu"] },
      nodePool: obj({
        nodeSelector: strMap,
        tolerations: {
          type: "array",
          items: obj({
            key: str,
            operator: { enum: ["Equal", "Exists"] },
            value: str,
            effect: { enum: ["NoSchedule", "PreferNoSchedule", "NoExecute"] },
            tolerationSeconds: int(0),
          }),
        },
      }),
    },
    ["purpose"],
  ),
  volume: obj(
    {
      size: { type: "string", pattern: "^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$" },
      accessMode: { enum: ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"] },
      type: { enum: ["persistent", "temp", "CloudTemp", "CloudPersistent"] },
      storageClassName: str,
    },
    ["size", "accessMode", "type"],
  ),
  depot: {
    type: "object",
    properties: {
      type: str,
      description: str,
      external: bool,
      compute: str,
      source: str,
      secrets: {
        type: "array",
        items: obj({ name: str, allkeys: bool, keys: strList }, ["name"]),
      },
      spec: anyObject,
    },
    // The connection block is named after the depot type in lower case (`abfss:`, `postgresql:`).
    patternProperties: {
      "^(?!(type|description|external|compute|source|secrets|spec)$)[a-z][a-z0-9]*$": anyObject,
    },
    additionalProperties: false,
    required: ["type"],
  },
  database: obj({
    migrate: obj({ includes: strList, includesInline: strMap, command: str, parameter: str }),
    manageAsUser: str,
    compute: str,
    host: str,
    port: int(1, 65535),
    database: str,
    secret: str,
  }),
};

const secretSection = (types: string[]): Schema =>
  obj(
    {
      type: { enum: types },
      acl: { enum: ["r", "rw"] },
      description: str,
      // A null value declares a key whose value lives in the external store.
      data: {
        type: "object",
        additionalProperties: { type: ["string", "number", "boolean", "null"] },
      },
      files: strMap,
      externalRef: obj({ key: str, property: str, version: str }, ["key"]),
      existingSecret: str,
      // stackyard extension (secrets.mode sops): a SOPS-encrypted Kubernetes Secret manifest in
      // the repository, copied into out/ byte for byte so Flux can decrypt it.
      sopsFile: str,
    },
    ["type", "acl"],
  );
SECTIONS.secret = secretSection([
  "cloud-kernel",
  "cloud-kernel-image-pull",
  "key-value",
  "key-value-properties",
  "certificate",
]);
SECTIONS["instance-secret"] = secretSection(["key-value", "key-value-properties", "certificates"]);

/** The whole-document schema of one resource type. */
export function envelopeSchema(type: string): Schema {
  const section = SECTIONS[type];
  if (section === undefined) throw new Error(`no envelope schema for ${type}`);
  const properties: Record<string, Schema> = {
    name: {
      type: "string",
      pattern: type === "depot" ? DEPOT_NAME : RESOURCE_NAME,
      maxLength: 48,
    },
    version: { enum: [...(VERSIONS[type] ?? [])] },
    type: { const: type },
    tags: strList,
    description: str,
    owner: str,
    // stackyard extension: annotations such as policy waivers (`stackyard.dev/waive.<policy>`).
    annotations: strMap,
    layer: { enum: ["user", "system"] },
    workspace: { type: "string", pattern: RESOURCE_NAME, maxLength: 63 },
    [type]: section,
  };
  // SOPS adds its metadata block at the top level of an encrypted file.
  if (type === "secret" || type === "instance-secret") properties.sops = anyObject;
  return {
    $id: `stackyard:${type}`,
    ...obj(properties, ["name", "version", "type", type]),
  };
}

/** Every resource type stackyard compiles. */
export const RESOURCE_TYPES = Object.keys(VERSIONS);
