/**
 * The JSON Schema (draft-07) of stackyard.yaml. Every key is optional — defaults fill the
 * gaps — and every mapping with fixed keys rejects unknown ones, so a typo is an error with a
 * did-you-mean rather than a silently ignored setting.
 */

/** A pattern and the plain words used when a value does not match it. */
interface NamedPattern {
  pattern: string;
  means: string;
}

const DNS_LABEL: NamedPattern = {
  pattern: "^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
  means:
    "a lowercase DNS label (a-z, 0-9 and '-', at most 63 characters, alphanumeric at both ends)",
};

const DNS_SUBDOMAIN: NamedPattern = {
  pattern: "^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
  means: "a Kubernetes object name (lowercase a-z, 0-9, '-' and '.', at most 253 characters)",
};

const HOSTNAME: NamedPattern = {
  pattern: "^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
  means: 'a lowercase host name such as "data.example.com" (a leading "*." is allowed)',
};

const FQDN: NamedPattern = {
  pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$",
  means: 'a fully qualified lowercase host name such as "platform.example.com"',
};

const DURATION: NamedPattern = {
  pattern: "^(0|([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$",
  means: 'a duration such as "30m", "1h" or "1h30m"',
};

const ENV_NAME: NamedPattern = {
  pattern: "^[A-Za-z_][A-Za-z0-9_]*$",
  means: "an environment variable name (letters, digits and '_', not starting with a digit)",
};

const URL: NamedPattern = {
  pattern: "^https?://[^\\s/?#]+[^\\s]*$",
  means: 'an http(s) URL such as "https://metadata.example.internal"',
};

const NON_EMPTY: NamedPattern = { pattern: "\\S", means: "a non-empty string" };

const OVERRIDE_PATH: NamedPattern = {
  pattern: "^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$",
  means:
    'a dotted path into the resource such as "service.replicas" (list items by index: "dag.0.spec")',
};

const QUANTITY: NamedPattern = {
  pattern: "^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$",
  means: 'a Kubernetes quantity such as "8", "500m" or "32Gi"',
};

/** Explanations of every pattern used below, keyed by the pattern text ajv reports. */
export const PATTERN_MEANINGS: ReadonlyMap<string, string> = new Map(
  [
    DNS_LABEL,
    DNS_SUBDOMAIN,
    HOSTNAME,
    FQDN,
    DURATION,
    ENV_NAME,
    URL,
    NON_EMPTY,
    QUANTITY,
    OVERRIDE_PATH,
  ].map((p) => [p.pattern, p.means]),
);

const str = (p: NamedPattern) => ({ type: "string", pattern: p.pattern }) as const;
const stringList = { type: "array", items: str(NON_EMPTY) } as const;
const strictObject = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: "object",
  properties,
  required,
  additionalProperties: false,
});

/** Policy id → severity, or off. */
const policyLevels = {
  type: "object",
  additionalProperties: { enum: ["error", "warning", "info", "off"] },
} as const;

/** `clusters[].overrides[]`: which resources, and `path.to.field: value` to set in them. */
const override = strictObject(
  {
    match: strictObject({ type: str(NON_EMPTY), workspace: str(NON_EMPTY), name: str(NON_EMPTY) }),
    set: { type: "object", propertyNames: { pattern: OVERRIDE_PATH.pattern }, minProperties: 1 },
  },
  ["match", "set"],
);

/** One cluster delivered to by GitOps (docs/gitops.md). */
const cluster = strictObject(
  {
    name: str(DNS_LABEL),
    workspaces: {
      anyOf: [{ const: "all" }, { type: "array", items: str(DNS_LABEL), minItems: 1 }],
    },
    engine: { enum: ["argocd", "flux"] },
    repoURL: str(NON_EMPTY),
    branch: str(NON_EMPTY),
    path: str(NON_EMPTY),
    namespace: str(DNS_LABEL),
    server: str(URL),
    argocd: strictObject({
      automated: { type: "boolean" },
      prune: { type: "boolean" },
      selfHeal: { type: "boolean" },
    }),
    flux: strictObject({
      interval: str(DURATION),
      prune: { type: "boolean" },
      wait: { type: "boolean" },
      timeout: str(DURATION),
      secretRef: str(DNS_SUBDOMAIN),
    }),
    ingress: strictObject({
      className: str(DNS_SUBDOMAIN),
      host: str(HOSTNAME),
      tls: strictObject({ secretName: str(DNS_SUBDOMAIN) }, ["secretName"]),
    }),
    overrides: { type: "array", items: override },
  },
  ["name", "engine", "repoURL"],
);

/** The schema ajv compiles once per process. */
export const CONFIG_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  ...strictObject({
    roots: { ...stringList, minItems: 1 },
    exclude: stringList,
    outDir: str(NON_EMPTY),
    cluster: str(DNS_LABEL),
    defaultWorkspace: str(DNS_LABEL),
    stamp: { enum: ["none", "hash"] },
    secrets: strictObject({
      mode: { enum: ["external-secrets", "sops", "existing"] },
      externalSecrets: strictObject({
        storeName: str(DNS_SUBDOMAIN),
        storeKind: { enum: ["ClusterSecretStore", "SecretStore"] },
        refreshInterval: str(DURATION),
      }),
    }),
    ingress: strictObject({
      flavor: { enum: ["ingress", "gateway"] },
      className: str(DNS_SUBDOMAIN),
      host: str(HOSTNAME),
      tls: strictObject({ secretName: str(DNS_SUBDOMAIN) }, ["secretName"]),
      gateway: strictObject(
        { name: str(DNS_SUBDOMAIN), namespace: str(DNS_LABEL), sectionName: str(DNS_SUBDOMAIN) },
        ["name"],
      ),
    }),
    builtinStacks: { type: "boolean" },
    platform: strictObject({
      fqdn: str(FQDN),
      logLevel: { enum: ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"] },
      env: {
        type: "object",
        propertyNames: { pattern: ENV_NAME.pattern },
        additionalProperties: { type: "string" },
      },
      metadataServer: str(URL),
    }),
    limits: strictObject({
      maxFileBytes: { type: "integer", minimum: 1024 },
      jq: strictObject({
        timeoutMs: { type: "integer", minimum: 100 },
        maxMemoryMiB: { type: "integer", minimum: 32 },
      }),
      template: strictObject({
        maxOutputBytes: { type: "integer", minimum: 1024 },
        maxRangeIterations: { type: "integer", minimum: 1 },
        maxRecursionDepth: { type: "integer", minimum: 1 },
        maxSteps: { type: "integer", minimum: 1000 },
      }),
    }),
    clusters: { type: "array", items: cluster },
    // Policy ids are checked against the policy registry by the check stage.
    policies: strictObject({
      severity: policyLevels,
      workspaces: {
        type: "object",
        propertyNames: { pattern: DNS_LABEL.pattern },
        additionalProperties: policyLevels,
      },
      allowedRegistries: stringList,
      ceilings: strictObject({
        replicas: { type: "integer", minimum: 1 },
        cpu: str(QUANTITY),
        memory: str(QUANTITY),
      }),
    }),
    observability: strictObject({
      monitor: { enum: ["pod-monitor", "service-monitor", "annotations", "none"] },
    }),
    strict: { type: "boolean" },
  }),
};
