/** A stackyard.yaml that sets every key to something other than its default. */
export const FULL_CONFIG = `# every key, set to something other than its default
roots: [./resources/, stacks]
exclude: ["**/drafts/**"]
outDir: build/k8s/
cluster: prod-eu
defaultWorkspace: data
stamp: hash
secrets:
  mode: external-secrets
  externalSecrets: { storeName: vault, storeKind: SecretStore, refreshInterval: 15m }
ingress:
  flavor: gateway
  className: cilium
  host: data.example.com
  tls: { secretName: data-tls }
  gateway: { name: shared, namespace: gateway-system, sectionName: https }
builtinStacks: false
platform:
  fqdn: data.example.com
  logLevel: DEBUG
  env: { TZ: UTC, HTTP_PROXY: "http://proxy:3128" }
  metadataServer: https://metadata.example.com/api
limits: { maxFileBytes: 1048576 }
`;
