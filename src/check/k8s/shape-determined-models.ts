/**
 * The models (`apiVersion/kind`, as in MODEL_LOADERS) whose validators read an object's
 * properties according to its shape alone: which keys it has and the JSON type of each value,
 * never the values themselves. Their generated code has no keyword that chooses what to read
 * next by a value (`anyOf`, `oneOf`, `if`, `not`, `contains`, `dependencies`, `discriminator`,
 * `uniqueItems`, `const`, …) except in modules that read no property at all (the `oneOf` of
 * IntOrString and Quantity is between a string and a number). For these kinds, validate-object.ts
 * records the properties read once per shape.
 *
 * Argo CD's Application and ApplicationSet are not here: an `anyOf` in their source schema
 * reads one branch's properties or another's depending on values.
 *
 * test/check/shape-determined-models.test.ts audits the validators' code against this list, so a
 * new version of kubernetes-models that brings such a keyword fails the tests instead of
 * silently changing what counts as an unknown field.
 */
export const SHAPE_DETERMINED_MODELS: ReadonlySet<string> = new Set([
  "v1/ConfigMap",
  "v1/Namespace",
  "v1/PersistentVolumeClaim",
  "v1/Pod",
  "v1/Secret",
  "v1/Service",
  "v1/ServiceAccount",
  "apps/v1/DaemonSet",
  "apps/v1/Deployment",
  "apps/v1/StatefulSet",
  "autoscaling/v2/HorizontalPodAutoscaler",
  "batch/v1/CronJob",
  "batch/v1/Job",
  "networking.k8s.io/v1/Ingress",
  "networking.k8s.io/v1/NetworkPolicy",
  "policy/v1/PodDisruptionBudget",
  "rbac.authorization.k8s.io/v1/Role",
  "rbac.authorization.k8s.io/v1/RoleBinding",
  "argoproj.io/v1alpha1/CronWorkflow",
  "argoproj.io/v1alpha1/Workflow",
  "kustomize.toolkit.fluxcd.io/v1/Kustomization",
  "source.toolkit.fluxcd.io/v1/GitRepository",
]);
