import type { StackyardConfig } from "../config/types.js";
import { nodeAtPath } from "../parse/node-at-path.js";
import { makeStamp } from "../resolve/stamp.js";
import type { ResolvedRunnable } from "../resolve/types.js";
import type { ServiceSpec, WorkerSpec } from "../validate/types.js";
import { templateDataFromNode } from "./template-data.js";

/** Mount paths of the DataOS runtime contract (reference §2.4, §6.1). */
export const MOUNT_PATHS = {
  config: "/etc/dataos/config",
  secret: "/etc/dataos/secret",
  temp: "/var/dataos/temp_data",
  persistent: "/var/dataos/persistent",
  work: "/etc/dataos/work",
} as const;

/** The port stacks serve metrics on when they declare none (`.MetricPort`). */
export const DEFAULT_METRIC_PORT = 9090;

/** Kubernetes Secret names a runnable mounts as files, and those it reads as env vars. */
export function secretNamesByUse(r: ResolvedRunnable): { files: string[]; env: string[] } {
  const files = new Set<string>();
  const env = new Set<string>();
  for (const s of r.secrets) {
    if (s.ref.consumptionType === "envVars") {
      if (s.ref.allKeys) env.add(s.k8sName);
    } else files.add(s.k8sName);
  }
  const projection = r.stack.spec.secretProjection?.type;
  for (const d of r.datasets)
    for (const name of d.secretNames) (projection === "propFile" ? files : env).add(name);
  return { files: [...files].sort(), env: [...env].sort() };
}

/**
 * The template context: every variable of reference §2.4 that means something outside DataOS.
 * Names are Go-style (capitalized) because stack templates written for DataOS use them.
 */
export function buildContext(
  r: ResolvedRunnable,
  config: StackyardConfig,
): Record<string, unknown> {
  const meta = r.resource.meta;
  const { files, env } = secretNamesByUse(r);
  const stackSpecNode = nodeAtPath(r.specOrigin.source.doc, [...r.specOrigin.path, "stackSpec"]);
  const environmentVars = { ...r.stack.spec.environmentVars, ...r.spec.envs };
  const base = `${r.name}-${r.orchestrator}${r.stamp}`;
  const service = r.resource.meta.type === "service" ? (r.resource.spec as ServiceSpec) : undefined;
  const worker = r.resource.meta.type === "worker" ? (r.resource.spec as WorkerSpec) : undefined;
  return {
    Name: r.name,
    Type: r.orchestrator,
    Stamp: r.stamp,
    Workspace: r.workspace,
    Owner: meta.owner ?? "",
    Description: r.job?.description ?? meta.description ?? "",
    Title: r.job?.title ?? (r.resource.spec as { title?: string }).title ?? "",
    Tags: [...meta.tags],
    PivotTags: [...meta.tags, ...(r.job?.tags ?? [])],
    ResourceId: r.resource.id,
    WorkflowName: r.job ? meta.name : "",
    Image: r.image ?? "",
    MetricPort: r.stack.spec.metrics?.port ?? r.stack.spec.ports?.targetPort ?? DEFAULT_METRIC_PORT,
    ConfigMapName: base,
    EnvSecretName: `${base}-env`,
    // One ServiceAccount per Workflow (its jobs share it); one per Worker or Service.
    RunnableServiceAccount: r.job
      ? `${meta.name}${makeStamp(config.stamp, "workflow", meta.name, r.workspace)}-sa`
      : `${r.name}${r.stamp}-sa`,
    ApplicationSpec: {
      StackSpec: templateDataFromNode(stackSpecNode, r.spec.stackSpec) ?? {},
      Stack: r.spec.stack,
      Compute: r.spec.compute,
      LogLevel: r.spec.logLevel || config.platform.logLevel,
      Resources: r.spec.resources ?? {},
      EnvironmentVars: environmentVars,
      Secrets: files,
      TempVolume: r.tempVolume?.meta.name ?? "",
      PersistentVolume: r.persistentVolume
        ? {
            Name: r.persistentVolume.volume.meta.name,
            Directory: r.persistentVolume.directory ?? "",
          }
        : {},
      RunAsUser: r.spec.runAsUser ?? "",
      Topology: r.spec.topology,
      Replicas: service?.replicas ?? worker?.replicas ?? 1,
      ServicePort: service?.servicePort ?? 0,
      Ingress: service?.ingress
        ? {
            Enabled: service.ingress.enabled,
            Path: service.ingress.path,
            StripPath: service.ingress.stripPath,
            Url: ingressUrl(config, service.ingress.path),
          }
        : { Enabled: false, Path: "", StripPath: false, Url: "" },
    },
    EnvironmentVarsFromSecret: env,
    HasSecretRefs: files.length > 0,
    HasConfigConfs:
      r.templates.configFileTemplate !== undefined || Object.keys(r.spec.configs).length > 0,
    DataOsConfigMountPath: MOUNT_PATHS.config,
    DataOsSecretMountPath: MOUNT_PATHS.secret,
    DataTempMountPath: MOUNT_PATHS.temp,
    DataPersistentMountPath: MOUNT_PATHS.persistent,
    RunnableArtifactDir: MOUNT_PATHS.work,
    Volumes: volumesOf(r),
    NodeSelector: { ...r.compute.spec.nodePool.nodeSelector },
    Tolerations: r.compute.spec.nodePool.tolerations,
    Datasets: r.datasets.map((d) => ({
      Address: d.address,
      Depot: d.depot,
      Collection: d.collection ?? "",
      Dataset: d.dataset ?? "",
      Acl: d.acl,
      Type: d.depotResource.spec.type,
      Secrets: d.secretNames,
      SecretKeys: d.secretKeys,
    })),
    Database: r.database
      ? {
          Name: r.database.meta.name,
          Workspace: r.database.meta.workspace,
          Host:
            r.database.spec.host ??
            `${r.database.meta.name}.${r.database.meta.workspace}.svc.cluster.local`,
          Port: r.database.spec.port ?? 5432,
          Database: r.database.spec.database ?? r.database.meta.name,
          Secret: r.database.spec.secret ?? `${r.database.meta.name}-db`,
        }
      : {},
    DataOsFqdn: config.platform.fqdn,
    GatewayPublicBaseUrl: `https://${config.platform.fqdn}`,
    MetadataServer: config.platform.metadataServer ?? "",
    IsDryRun: r.spec.dryRun,
    Platform: {
      Fqdn: config.platform.fqdn,
      LogLevel: config.platform.logLevel,
      Env: { ...config.platform.env },
    },
  };
}

function ingressUrl(config: StackyardConfig, path: string): string {
  const host = config.ingress.host ?? config.platform.fqdn;
  return `https://${host}${path}`;
}

function volumesOf(r: ResolvedRunnable): Array<Record<string, unknown>> {
  const mounts = [...(r.persistentVolume ? [r.persistentVolume] : []), ...r.dataosVolumes];
  return mounts.map((m) => ({
    Name: m.volume.meta.name,
    MountPath: `${MOUNT_PATHS.persistent}/${m.directory ?? m.volume.meta.name}`,
    ReadOnly: m.readOnly,
    SubPath: m.subPath ?? m.directory ?? "",
    IsPvc: m.volume.spec.type === "persistent" || m.volume.spec.type === "CloudPersistent",
    Secrets: [],
    ConfigMaps: [],
  }));
}
