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

/** Explanations of every pattern used below, keyed by the pattern text ajv reports. */
export const PATTERN_MEANINGS: ReadonlyMap<string, string> = new Map(
  [DNS_LABEL, DNS_SUBDOMAIN, HOSTNAME, FQDN, DURATION, ENV_NAME, URL, NON_EMPTY].map((p) => [
    p.pattern,
    p.means,
  ]),
);

const str = (p: NamedPattern) => ({ type: "string", pattern: p.pattern }) as const;
const stringList = { type: "array", items: str(NON_EMPTY) } as const;
const strictObject = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: "object",
  properties,
  required,
  additionalProperties: false,
});

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
    limits: strictObject({ maxFileBytes: { type: "integer", minimum: 1024 } }),
    interpolateEnv: { type: "boolean" },
  }),
};
