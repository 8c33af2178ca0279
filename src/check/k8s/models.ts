/** What stackyard needs of a generated model class: its validate method, called on plain data. */
export interface ModelClass {
  prototype: { validate(): void };
}

/**
 * `apiVersion/kind` → a loader of the generated OpenAPI model that validates it. Kinds stackyard
 * emits, kinds stacks commonly render (Job, CronJob, NetworkPolicy…), and GitOps bootstrap
 * objects. Each model is a large module (its schema and those it references), so a build loads
 * only the kinds it emits.
 */
export const MODEL_LOADERS: Readonly<Record<string, () => Promise<ModelClass>>> = {
  "v1/ConfigMap": async () => (await import("kubernetes-models/v1/ConfigMap")).ConfigMap,
  "v1/Namespace": async () => (await import("kubernetes-models/v1/Namespace")).Namespace,
  "v1/PersistentVolumeClaim": async () =>
    (await import("kubernetes-models/v1/PersistentVolumeClaim")).PersistentVolumeClaim,
  "v1/Pod": async () => (await import("kubernetes-models/v1/Pod")).Pod,
  "v1/Secret": async () => (await import("kubernetes-models/v1/Secret")).Secret,
  "v1/Service": async () => (await import("kubernetes-models/v1/Service")).Service,
  "v1/ServiceAccount": async () =>
    (await import("kubernetes-models/v1/ServiceAccount")).ServiceAccount,
  "apps/v1/DaemonSet": async () => (await import("kubernetes-models/apps/v1/DaemonSet")).DaemonSet,
  "apps/v1/Deployment": async () =>
    (await import("kubernetes-models/apps/v1/Deployment")).Deployment,
  "apps/v1/StatefulSet": async () =>
    (await import("kubernetes-models/apps/v1/StatefulSet")).StatefulSet,
  "autoscaling/v2/HorizontalPodAutoscaler": async () =>
    (await import("kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler"))
      .HorizontalPodAutoscaler,
  "batch/v1/CronJob": async () => (await import("kubernetes-models/batch/v1/CronJob")).CronJob,
  "batch/v1/Job": async () => (await import("kubernetes-models/batch/v1/Job")).Job,
  "networking.k8s.io/v1/Ingress": async () =>
    (await import("kubernetes-models/networking.k8s.io/v1/Ingress")).Ingress,
  "networking.k8s.io/v1/NetworkPolicy": async () =>
    (await import("kubernetes-models/networking.k8s.io/v1/NetworkPolicy")).NetworkPolicy,
  "policy/v1/PodDisruptionBudget": async () =>
    (await import("kubernetes-models/policy/v1/PodDisruptionBudget")).PodDisruptionBudget,
  "rbac.authorization.k8s.io/v1/Role": async () =>
    (await import("kubernetes-models/rbac.authorization.k8s.io/v1/Role")).Role,
  "rbac.authorization.k8s.io/v1/RoleBinding": async () =>
    (await import("kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding")).RoleBinding,
  "argoproj.io/v1alpha1/Application": async () =>
    (await import("@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application")).Application,
  "argoproj.io/v1alpha1/ApplicationSet": async () =>
    (await import("@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet")).ApplicationSet,
  "argoproj.io/v1alpha1/CronWorkflow": async () =>
    (await import("@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/CronWorkflow"))
      .CronWorkflow,
  "argoproj.io/v1alpha1/Workflow": async () =>
    (await import("@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Workflow")).Workflow,
  "kustomize.toolkit.fluxcd.io/v1/Kustomization": async () =>
    (await import("@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1/Kustomization"))
      .Kustomization,
  "source.toolkit.fluxcd.io/v1/GitRepository": async () =>
    (await import("@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/GitRepository"))
      .GitRepository,
};

const loaded = new Map<string, ModelClass>();

/** The model of `apiVersion/kind` if it is loaded; loadSchemas loads it. */
export function loadedModel(key: string): ModelClass | undefined {
  return loaded.get(key);
}

/** Loads the models of the given objects' kinds (kinds without a model are skipped). */
export async function loadSchemas(
  objects: Iterable<{ apiVersion: string; kind: string }>,
): Promise<void> {
  const keys = new Set<string>();
  for (const o of objects) keys.add(`${o.apiVersion}/${o.kind}`);
  await loadModels([...keys]);
}

/** Loads every model (tests that validate arbitrary objects). */
export function loadAllSchemas(): Promise<void> {
  return loadModels(Object.keys(MODEL_LOADERS));
}

async function loadModels(keys: readonly string[]): Promise<void> {
  const missing = keys.filter((k) => !loaded.has(k) && Object.hasOwn(MODEL_LOADERS, k));
  const models = await Promise.all(missing.map((k) => MODEL_LOADERS[k]!()));
  missing.forEach((k, i) => loaded.set(k, models[i]!));
}
