import { diag } from "../diagnostics/diagnostic.js";
import { rangeAtPath } from "../parse/node-at-path.js";
import type { RenderedRunnable } from "../render/types.js";
import type { JsonObject } from "../validate/types.js";
import { containerResources } from "./container-resources.js";
import { mergeContainer, mergeVolumes } from "./container-merge.js";
import type { CompileContext } from "./context.js";
import { mergeEnvGroups } from "./env.js";
import type { Container, Obj, PodVolume, VolumeMount } from "./k8s-types.js";
import { MOUNT_PATHS, VOLUME_NAMES } from "./mount-paths.js";
import { dataosNames, k8sName } from "./names.js";
import { platformEnv } from "./platform-env.js";
import { secretWiring, type SecretWiring } from "./secret-wiring.js";
import {
  podSecurityProfile,
  restrictedPodSecurityContext,
  withRestrictedDefaults,
} from "./security-context.js";
import { volumeWiring } from "./volume-wiring.js";

/**
 * Everything a runnable's pod is made of, independent of what wraps it: a Deployment turns it
 * into a pod spec, a Workflow into an Argo container template.
 */
export interface PodPlan {
  container: Container;
  initContainers: Container[];
  sidecars: Container[];
  volumes: PodVolume[];
  nodeSelector?: Record<string, string>;
  tolerations: JsonObject[];
  /** Absent when the stack opted out of the restricted profile. */
  securityContext?: Obj;
  imagePullSecrets: Array<{ name: string }>;
  /** The ConfigMap the config files go into, when there are any. */
  configMap?: { name: string; data: Record<string, string> };
}

/**
 * The default (Poros-equivalent) pod of a runnable, with the stack's containerResourceTemplate
 * spliced in when it has one. Problems (no image at all) are reported to the context.
 */
export function buildPod(r: RenderedRunnable, ctx: CompileContext): PodPlan {
  const restricted = podSecurityProfile(r.stack) === "restricted";
  const secure = (c: Container): Container => (restricted ? withRestrictedDefaults(c) : c);
  const secrets = secretWiring(r, ctx.instanceSecrets);
  const volumes = volumeWiring(r);
  const configMap = configMapOf(r);
  const mounts: VolumeMount[] = [];
  const podVolumes: PodVolume[] = [];
  if (configMap !== undefined) {
    podVolumes.push({ configMap: { name: configMap.name }, name: VOLUME_NAMES.config });
    mounts.push({ mountPath: MOUNT_PATHS.config, name: VOLUME_NAMES.config, readOnly: true });
  }
  if (secrets.projected.length > 0) {
    podVolumes.push({ name: VOLUME_NAMES.secret, projected: { sources: secrets.projected } });
    mounts.push({ mountPath: MOUNT_PATHS.secret, name: VOLUME_NAMES.secret, readOnly: true });
  }
  podVolumes.push(...volumes.volumes);
  mounts.push(...volumes.mounts);
  const container = mergeContainer(defaultContainer(r, ctx, secrets, mounts), r.container);
  if (container.image === undefined) ctx.diagnostics.push(noImage(r));
  const plan: PodPlan = {
    container: secure(container),
    initContainers: r.initContainers.map((c) => secure(withResources(c as Container, r))),
    sidecars: r.sidecars.map((c) => secure(withResources(c as Container, r))),
    volumes: mergeVolumes(podVolumes, r.volumes),
    tolerations: r.compute.spec.nodePool.tolerations,
    imagePullSecrets: pullSecrets(r, ctx.instanceSecrets),
  };
  const { nodeSelector } = r.compute.spec.nodePool;
  if (Object.keys(nodeSelector).length > 0) plan.nodeSelector = nodeSelector;
  if (restricted) plan.securityContext = restrictedPodSecurityContext();
  if (configMap !== undefined) plan.configMap = configMap;
  return plan;
}

/** A Kubernetes pod spec from a plan (Deployments; Argo templates take the parts instead). */
export function podSpecOf(plan: PodPlan, serviceAccountName: string, extra: Obj = {}): Obj {
  const spec: Obj = {
    automountServiceAccountToken: false,
    containers: [plan.container, ...plan.sidecars],
    serviceAccountName,
    ...extra,
  };
  if (plan.initContainers.length > 0) spec.initContainers = plan.initContainers;
  if (plan.volumes.length > 0) spec.volumes = plan.volumes;
  if (plan.nodeSelector !== undefined) spec.nodeSelector = plan.nodeSelector;
  if (plan.tolerations.length > 0) spec.tolerations = plan.tolerations;
  if (plan.securityContext !== undefined) spec.securityContext = plan.securityContext;
  if (plan.imagePullSecrets.length > 0) spec.imagePullSecrets = plan.imagePullSecrets;
  return spec;
}

function defaultContainer(
  r: RenderedRunnable,
  ctx: CompileContext,
  secrets: SecretWiring,
  volumeMounts: VolumeMount[],
): Container {
  const { spec: stack } = r.stack;
  const container: Container = { name: k8sName(dataosNames.mainContainer(r.name, r.stamp)) };
  if (r.image !== undefined) container.image = r.image;
  if (stack.command.length > 0) container.command = stack.command;
  if (stack.arguments.length > 0) container.args = stack.arguments;
  const env = mergeEnvGroups([platformEnv(r, ctx.config), stack.environmentVars, r.spec.envs]);
  container.env = [...env, ...secrets.env];
  if (secrets.envFrom.length > 0) container.envFrom = secrets.envFrom;
  container.resources = containerResources(r.spec.resources);
  if (volumeMounts.length > 0) container.volumeMounts = volumeMounts;
  return container;
}

/** The ConfigMap of a runnable's config files (`<name>-<type><stamp>`), when it has any. */
export function configMapOf(r: RenderedRunnable): PodPlan["configMap"] {
  if (Object.keys(r.configFiles).length === 0) return undefined;
  const name = k8sName(dataosNames.configMap(r.name, r.orchestrator, r.stamp));
  return { data: r.configFiles, name };
}

/**
 * The stack image's pull secret (the instance secret's `existingSecret` when it names one) plus
 * those a containerResourceTemplate declared, once each.
 */
function pullSecrets(
  r: RenderedRunnable,
  instanceSecrets: CompileContext["instanceSecrets"],
): Array<{ name: string }> {
  const names = r.imagePullSecrets
    .map((s) => s.name)
    .filter((n): n is string => typeof n === "string");
  const stackSecret = r.stack.spec.image?.auth?.imagePullSecret;
  if (stackSecret !== undefined)
    names.unshift(instanceSecrets.get(stackSecret)?.spec.existingSecret ?? k8sName(stackSecret));
  return [...new Set(names)].map((name) => ({ name }));
}

function noImage(r: RenderedRunnable) {
  const { source, path } = r.specOrigin;
  return diag(
    "MISSING_FIELD",
    `the container of "${r.name}" has no image: stack "${r.stack.spec.name}" declares none and its containerResourceTemplate sets none`,
    { file: source.file, range: rangeAtPath(source, [...path, "stack"]) },
    { hint: "give the stack an `image`, or set `image` in its containerResourceTemplate" },
  );
}

/**
 * Init containers and sidecars a stack template adds get the runnable's requests and limits
 * (defaulted like the main container's) unless the template set its own: every container of a
 * pod needs them, and the template cannot know the user's sizing.
 */
function withResources(c: Container, r: RenderedRunnable): Container {
  return c.resources === undefined ? { ...c, resources: containerResources(r.spec.resources) } : c;
}
