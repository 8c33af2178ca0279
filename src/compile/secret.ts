import type { SecretsConfig } from "../config/types.js";
import type { K8sObject } from "../render/types.js";
import type { SecretResource } from "../validate/types.js";
import type { Obj } from "./k8s-types.js";
import { objectMeta, type Owner } from "./metadata.js";
import { k8sName } from "./names.js";
import { declaredKeys } from "../validate/secret-keys.js";

/** DataOS secret types whose Kubernetes Secret has a type other than Opaque. */
const SECRET_TYPES: Record<string, string> = {
  "cloud-kernel-image-pull": "kubernetes.io/dockerconfigjson",
};

/** A secret mode: how a Secret or Instance-secret resource reaches `namespace`. */
type SecretMode = (secret: SecretResource, namespace: string, config: SecretsConfig) => K8sObject[];

/**
 * Secret modes, chosen in stackyard.yaml. No mode ever writes a secret value in the clear:
 * plaintext values are refused by the validate stage before compile sees them.
 */
const SECRET_MODES: Record<SecretsConfig["mode"], SecretMode> = {
  "external-secrets": (secret, namespace, config) => [externalSecret(secret, namespace, config)],
  sops: (secret) => sopsSecret(secret),
  // The Secret is provisioned outside stackyard; runnables only refer to it by name.
  existing: () => [],
};

/**
 * The objects that provide a Secret resource in `namespace` (an Instance secret is compiled
 * once per workspace that uses it). A resource naming an `existingSecret` needs none.
 */
export function compileSecret(
  secret: SecretResource,
  namespace: string,
  config: SecretsConfig,
): K8sObject[] {
  if (secret.spec.existingSecret !== undefined) return [];
  return SECRET_MODES[config.mode](secret, namespace, config);
}

function ownerOfSecret(secret: SecretResource): Owner {
  return {
    component: secret.meta.type,
    datasets: [],
    instance: secret.meta.name,
    resource: secret,
    stacks: [],
  };
}

/**
 * External Secrets Operator: the store holds the values. A workspace secret lives at the
 * remote key `<workspace>/<name>`, an instance secret (one secret, copied to many namespaces)
 * at `instance/<name>`, one property per declared key; `externalRef` names the place itself.
 */
function externalSecret(
  secret: SecretResource,
  namespace: string,
  config: SecretsConfig,
): K8sObject {
  const { storeName, storeKind, refreshInterval } = config.externalSecrets;
  const target: Obj = { creationPolicy: "Owner", name: k8sName(secret.meta.name) };
  const type = SECRET_TYPES[secret.spec.type];
  if (type !== undefined) target.template = { type };
  const spec: Obj = {
    refreshInterval,
    secretStoreRef: { kind: storeKind, name: storeName },
    target,
  };
  Object.assign(spec, remoteData(secret));
  return {
    apiVersion: "external-secrets.io/v1beta1",
    kind: "ExternalSecret",
    metadata: objectMeta(ownerOfSecret(secret), secret.meta.name, namespace),
    spec,
  };
}

function remoteData(secret: SecretResource): Obj {
  const ref = secret.spec.externalRef;
  if (ref !== undefined) {
    const remoteRef: Obj = { key: ref.key };
    if (ref.version !== undefined) remoteRef.version = ref.version;
    if (ref.property === undefined) return { dataFrom: [{ extract: remoteRef }] };
    return {
      data: [{ remoteRef: { ...remoteRef, property: ref.property }, secretKey: ref.property }],
    };
  }
  const base = secret.meta.type === "instance-secret" ? "instance" : secret.meta.workspace;
  const key = `${base}/${secret.meta.name}`;
  const keys = declaredKeys(secret);
  if (keys.length === 0) return { dataFrom: [{ extract: { key } }] };
  return { data: keys.map((k) => ({ remoteRef: { key, property: k }, secretKey: k })) };
}

/**
 * SOPS: the SOPS-encrypted Kubernetes Secret manifest the resource names (`sopsFile`), for
 * Flux's kustomize-controller to decrypt in the cluster. SOPS signs the whole file, so it is
 * written byte for byte (compile marks it verbatim); this is its parsed form for the checks.
 * The build reports a secret without a usable manifest before compile runs.
 */
function sopsSecret(secret: SecretResource): K8sObject[] {
  const manifest = secret.spec.sopsManifest;
  return manifest === undefined ? [] : [manifest.object as unknown as K8sObject];
}
