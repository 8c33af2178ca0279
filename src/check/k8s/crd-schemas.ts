/**
 * Minimal JSON Schemas for the custom resources without a model package: exactly the fields
 * stackyard emits, with `additionalProperties: false` everywhere, following the upstream CRDs
 * (external-secrets.io/v1beta1 ExternalSecret, gateway.networking.k8s.io/v1 HTTPRoute,
 * monitoring.coreos.com/v1 PodMonitor and ServiceMonitor).
 */
const str = { type: "string", minLength: 1 } as const;
const stringMap = { type: "object", additionalProperties: { type: "string" } } as const;

const metadata = {
  type: "object",
  additionalProperties: false,
  required: ["name", "namespace"],
  properties: {
    name: { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", maxLength: 63 },
    namespace: str,
    labels: stringMap,
    annotations: stringMap,
  },
} as const;

const remoteRef = {
  type: "object",
  additionalProperties: false,
  required: ["key"],
  properties: { key: str, property: str, version: str },
} as const;

const externalSecret = {
  type: "object",
  additionalProperties: false,
  required: ["apiVersion", "kind", "metadata", "spec"],
  properties: {
    apiVersion: { const: "external-secrets.io/v1beta1" },
    kind: { const: "ExternalSecret" },
    metadata,
    spec: {
      type: "object",
      additionalProperties: false,
      required: ["secretStoreRef", "target"],
      properties: {
        refreshInterval: str,
        secretStoreRef: {
          type: "object",
          additionalProperties: false,
          required: ["name", "kind"],
          properties: { name: str, kind: { enum: ["SecretStore", "ClusterSecretStore"] } },
        },
        target: {
          type: "object",
          additionalProperties: false,
          required: ["name"],
          properties: {
            name: str,
            creationPolicy: { enum: ["Owner", "Orphan", "Merge", "None"] },
            template: {
              type: "object",
              additionalProperties: false,
              properties: { type: str },
            },
          },
        },
        data: {
          type: "array",
          minItems: 1,
          items: {
            type: "object",
            additionalProperties: false,
            required: ["secretKey", "remoteRef"],
            properties: { secretKey: str, remoteRef },
          },
        },
        dataFrom: {
          type: "array",
          minItems: 1,
          items: {
            type: "object",
            additionalProperties: false,
            required: ["extract"],
            properties: { extract: remoteRef },
          },
        },
      },
    },
  },
} as const;

const httpRoute = {
  type: "object",
  additionalProperties: false,
  required: ["apiVersion", "kind", "metadata", "spec"],
  properties: {
    apiVersion: { const: "gateway.networking.k8s.io/v1" },
    kind: { const: "HTTPRoute" },
    metadata,
    spec: {
      type: "object",
      additionalProperties: false,
      required: ["parentRefs", "rules"],
      properties: {
        hostnames: { type: "array", items: str },
        parentRefs: {
          type: "array",
          minItems: 1,
          items: {
            type: "object",
            additionalProperties: false,
            required: ["name"],
            properties: { name: str, namespace: str, sectionName: str },
          },
        },
        rules: {
          type: "array",
          minItems: 1,
          items: {
            type: "object",
            additionalProperties: false,
            properties: {
              matches: {
                type: "array",
                items: {
                  type: "object",
                  additionalProperties: false,
                  properties: {
                    path: {
                      type: "object",
                      additionalProperties: false,
                      required: ["type", "value"],
                      properties: {
                        type: { enum: ["Exact", "PathPrefix", "RegularExpression"] },
                        value: { type: "string", pattern: "^/" },
                      },
                    },
                  },
                },
              },
              filters: {
                type: "array",
                items: {
                  type: "object",
                  additionalProperties: false,
                  required: ["type"],
                  properties: {
                    type: { const: "URLRewrite" },
                    urlRewrite: {
                      type: "object",
                      additionalProperties: false,
                      properties: {
                        path: {
                          type: "object",
                          additionalProperties: false,
                          required: ["type", "replacePrefixMatch"],
                          properties: {
                            type: { const: "ReplacePrefixMatch" },
                            replacePrefixMatch: { type: "string", pattern: "^/" },
                          },
                        },
                      },
                    },
                  },
                },
              },
              backendRefs: {
                type: "array",
                items: {
                  type: "object",
                  additionalProperties: false,
                  required: ["name", "port"],
                  properties: { name: str, port: { type: "integer", minimum: 1, maximum: 65535 } },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

const labelSelector = {
  type: "object",
  additionalProperties: false,
  required: ["matchLabels"],
  properties: { matchLabels: stringMap },
} as const;

const metricsEndpoint = {
  type: "object",
  additionalProperties: false,
  required: ["port"],
  properties: { port: str, path: { type: "string", pattern: "^/" }, interval: str },
} as const;

/** A Prometheus-Operator monitor: `endpoints` for a ServiceMonitor, `podMetricsEndpoints` for a PodMonitor. */
const monitor = (kind: "PodMonitor" | "ServiceMonitor") =>
  ({
    type: "object",
    additionalProperties: false,
    required: ["apiVersion", "kind", "metadata", "spec"],
    properties: {
      apiVersion: { const: "monitoring.coreos.com/v1" },
      kind: { const: kind },
      metadata,
      spec: {
        type: "object",
        additionalProperties: false,
        required: ["selector", kind === "PodMonitor" ? "podMetricsEndpoints" : "endpoints"],
        properties: {
          selector: labelSelector,
          [kind === "PodMonitor" ? "podMetricsEndpoints" : "endpoints"]: {
            type: "array",
            minItems: 1,
            items: metricsEndpoint,
          },
        },
      },
    },
  }) as const;

/**
 * The ajv options of the CRD validators, shared by the run-time compile and the bundle's
 * precompiled code so both report the same errors.
 */
export const CRD_AJV_OPTIONS = { allErrors: true, strict: true } as const;

/** `apiVersion/kind` → schema. */
export const CRD_SCHEMAS: Record<string, object> = {
  "external-secrets.io/v1beta1/ExternalSecret": externalSecret,
  "gateway.networking.k8s.io/v1/HTTPRoute": httpRoute,
  "monitoring.coreos.com/v1/PodMonitor": monitor("PodMonitor"),
  "monitoring.coreos.com/v1/ServiceMonitor": monitor("ServiceMonitor"),
};
