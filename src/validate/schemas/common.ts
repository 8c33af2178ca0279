/** JSON Schema building blocks shared by the resource envelopes (draft-07). */
export type Schema = Record<string, unknown>;

export const str: Schema = { type: "string" };
export const bool: Schema = { type: "boolean" };
export const int = (minimum = 0, maximum?: number): Schema =>
  maximum === undefined ? { type: "integer", minimum } : { type: "integer", minimum, maximum };
export const strList: Schema = { type: "array", items: str };
export const strMap: Schema = { type: "object", additionalProperties: str };
/** Env values may be numbers or booleans in YAML; they are passed on as strings. */
export const envMap: Schema = {
  type: "object",
  additionalProperties: { type: ["string", "number", "boolean"] },
};
export const anyObject: Schema = { type: "object" };

/** A closed object: unknown keys are errors (with a did-you-mean). */
export function obj(properties: Record<string, Schema>, required: string[] = []): Schema {
  const s: Schema = { type: "object", properties, additionalProperties: false };
  if (required.length > 0) s.required = required;
  return s;
}

/** DataOS resource names: `[a-z0-9]([-a-z0-9]*[a-z0-9])`, at most 48 characters. */
export const RESOURCE_NAME = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
/** Depot (and Cluster) names allow no hyphen: `[a-z]([a-z0-9]*)`. */
export const DEPOT_NAME = "^[a-z]([a-z0-9]*)$";

/**
 * A Kubernetes quantity written as a string (apimachinery's grammar: a signed decimal number, then
 * a binary suffix Ki…Ei, a decimal one n, u, m, k, M…E, or an exponent e3). JSON Schema applies
 * a `pattern` to strings only, so a plain number stays valid.
 */
export const QUANTITY =
  "^[+-]?([0-9]+|[0-9]+\\.[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+|[KMGTPE]i|[numkMGTPE])?$";
export const quantity: Schema = { type: ["string", "number"], pattern: QUANTITY };
export const resourceRequirements: Schema = obj({
  requests: obj({ cpu: quantity, memory: quantity, "ephemeral-storage": quantity }),
  limits: obj({ cpu: quantity, memory: quantity, "ephemeral-storage": quantity }),
});

export const volumeMount: Schema = obj(
  { name: str, directory: str, readOnly: bool, subPath: str },
  ["name"],
);

export const secretRef: Schema = obj(
  {
    name: str,
    workspace: str,
    key: str,
    keys: strList,
    allKeys: bool,
    consumptionType: { enum: ["envVars", "propFile", "file"] },
  },
  ["name"],
);

export const highAvailability: Schema = obj(
  {
    level: { enum: ["hostname", "zone", "region"] },
    mode: { enum: ["preferred", "required"] },
    // Seen in the docs' examples; they carry no meaning for the spread itself.
    tags: strList,
    replicas: int(0),
  },
  ["level"],
);

export const autoscaling: Schema = obj({
  enabled: bool,
  minReplicas: int(1),
  maxReplicas: int(1),
  targetCPUUtilizationPercentage: int(1),
  targetMemoryUtilizationPercentage: int(1),
});

export const topology: Schema = {
  type: "array",
  items: obj({ name: str, type: str, doc: str, properties: anyObject, dependencies: strList }, [
    "name",
    "type",
  ]),
};

/** Fields shared by Workflow jobs, Workers and Services (reference §3.2). */
export const runnableProperties: Record<string, Schema> = {
  stack: str,
  compute: str,
  stackSpec: anyObject,
  logLevel: { enum: ["INFO", "WARN", "DEBUG", "ERROR"] },
  configs: strMap,
  envs: envMap,
  secrets: { type: "array", items: { anyOf: [str, secretRef] } },
  dataosSecrets: { type: "array", items: secretRef },
  dataosVolumes: { type: "array", items: volumeMount },
  tempVolume: str,
  persistentVolume: volumeMount,
  resources: resourceRequirements,
  dryRun: bool,
  runAsUser: str,
  runAsApiKey: str,
  topology,
  highAvailabilityConfig: highAvailability,
  tags: strList,
  title: str,
  description: str,
};
