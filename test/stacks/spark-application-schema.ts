/**
 * A JSON Schema for the `sparkoperator.k8s.io/v1beta2` SparkApplication fields the Flare and
 * Toolbox stacks emit, transcribed from the Spark Operator's CRD
 * (kubeflow/spark-operator, config/crd/bases/sparkoperator.k8s.io_sparkapplications.yaml):
 * field names, types and enums as the CRD declares them, `additionalProperties: false` so a
 * misspelled field fails the test rather than being pruned by the API server.
 */
const str = { type: "string", minLength: 1 } as const;
const stringMap = { type: "object", additionalProperties: { type: "string" } } as const;
const envVar = {
  type: "object",
  additionalProperties: false,
  required: ["name"],
  properties: {
    name: str,
    value: { type: "string" },
    valueFrom: {
      type: "object",
      additionalProperties: false,
      properties: {
        secretKeyRef: {
          type: "object",
          additionalProperties: false,
          required: ["key"],
          properties: { key: str, name: str, optional: { type: "boolean" } },
        },
      },
    },
  },
} as const;
const envFrom = {
  type: "object",
  additionalProperties: false,
  properties: {
    secretRef: {
      type: "object",
      additionalProperties: false,
      required: ["name"],
      properties: { name: str },
    },
  },
} as const;
const securityContext = {
  type: "object",
  additionalProperties: false,
  properties: {
    allowPrivilegeEscalation: { type: "boolean" },
    capabilities: {
      type: "object",
      additionalProperties: false,
      properties: { drop: { type: "array", items: str } },
    },
    runAsNonRoot: { type: "boolean" },
    runAsUser: { type: "integer" },
    seccompProfile: {
      type: "object",
      additionalProperties: false,
      required: ["type"],
      properties: { type: { enum: ["RuntimeDefault", "Localhost", "Unconfined"] } },
    },
  },
} as const;
const podSpec = (extra: Record<string, unknown>) => ({
  type: "object",
  additionalProperties: false,
  properties: {
    cores: { type: "integer", minimum: 1 },
    coreLimit: { type: "string" },
    memory: { type: "string" },
    memoryOverhead: { type: "string" },
    labels: stringMap,
    env: { type: "array", items: envVar },
    envFrom: { type: "array", items: envFrom },
    securityContext,
    nodeSelector: stringMap,
    tolerations: { type: "array", items: { type: "object" } },
    volumeMounts: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "mountPath"],
        properties: { name: str, mountPath: str, readOnly: { type: "boolean" } },
      },
    },
    ...extra,
  },
});

export const SPARK_APPLICATION_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["apiVersion", "kind", "metadata", "spec"],
  properties: {
    apiVersion: { const: "sparkoperator.k8s.io/v1beta2" },
    kind: { const: "SparkApplication" },
    metadata: {
      type: "object",
      additionalProperties: false,
      required: ["name", "namespace"],
      properties: { name: str, namespace: str, labels: stringMap, annotations: stringMap },
    },
    spec: {
      type: "object",
      additionalProperties: false,
      required: ["type", "mode", "sparkVersion", "driver", "executor"],
      properties: {
        type: { enum: ["Java", "Python", "Scala", "R"] },
        pythonVersion: { enum: ["2", "3"] },
        mode: { enum: ["cluster", "client", "in-cluster-client"] },
        image: str,
        imagePullPolicy: { enum: ["Always", "IfNotPresent", "Never"] },
        mainApplicationFile: { type: "string", pattern: "^local://" },
        sparkVersion: { type: "string", pattern: "^3\\.[0-9]+\\.[0-9]+$" },
        restartPolicy: {
          type: "object",
          additionalProperties: false,
          required: ["type"],
          properties: { type: { enum: ["Never", "Always", "OnFailure"] } },
        },
        deps: {
          type: "object",
          additionalProperties: false,
          properties: {
            packages: { type: "array", items: { type: "string", pattern: "^[^:]+:[^:]+:[^:]+$" } },
          },
        },
        sparkConf: stringMap,
        volumes: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["name"],
            properties: {
              name: str,
              configMap: {
                type: "object",
                additionalProperties: false,
                required: ["name"],
                properties: { name: str },
              },
            },
          },
        },
        driver: podSpec({ serviceAccount: str }),
        executor: podSpec({ instances: { type: "integer", minimum: 1 } }),
      },
    },
  },
} as const;
