/**
 * The cluster-scoped kinds of Kubernetes itself, by API group (`""` is the core group): an
 * object of one of these has no namespace, and applying it changes the whole cluster, not a
 * workspace. A custom resource's scope is in its CRD, which stackyard does not read: every
 * other kind is taken as namespaced.
 */
export const CLUSTER_SCOPED_KINDS: Readonly<Record<string, readonly string[]>> = {
  "": ["ComponentStatus", "Namespace", "Node", "PersistentVolume"],
  "admissionregistration.k8s.io": [
    "MutatingAdmissionPolicy",
    "MutatingAdmissionPolicyBinding",
    "MutatingWebhookConfiguration",
    "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding",
    "ValidatingWebhookConfiguration",
  ],
  "apiextensions.k8s.io": ["CustomResourceDefinition"],
  "apiregistration.k8s.io": ["APIService"],
  "certificates.k8s.io": ["CertificateSigningRequest", "ClusterTrustBundle"],
  "flowcontrol.apiserver.k8s.io": ["FlowSchema", "PriorityLevelConfiguration"],
  "networking.k8s.io": ["IngressClass", "IPAddress", "ServiceCIDR"],
  "node.k8s.io": ["RuntimeClass"],
  policy: ["PodSecurityPolicy"],
  "rbac.authorization.k8s.io": ["ClusterRole", "ClusterRoleBinding"],
  "resource.k8s.io": ["DeviceClass", "ResourceSlice"],
  "scheduling.k8s.io": ["PriorityClass"],
  "storage.k8s.io": [
    "CSIDriver",
    "CSINode",
    "StorageClass",
    "VolumeAttachment",
    "VolumeAttributesClass",
  ],
};

/** Every kind of CLUSTER_SCOPED_KINDS, sorted: what a stack may list in `clusterScopedKinds`. */
export const CLUSTER_SCOPED_KIND_NAMES: readonly string[] = [
  ...new Set(Object.values(CLUSTER_SCOPED_KINDS).flat()),
].sort();

/** Whether an object of this apiVersion (`group/version`, or `v1`) and kind is cluster-scoped. */
export function isClusterScoped(apiVersion: string, kind: string): boolean {
  return CLUSTER_SCOPED_KINDS[apiGroup(apiVersion)]?.includes(kind) ?? false;
}

/** The API group of an apiVersion: what is before its last `/`, or "" (the core group of `v1`). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf("/");
  return slash === -1 ? "" : apiVersion.slice(0, slash);
}
