import type { K8sObject, RenderedRunnable } from "../render/types.js";
import type { Autoscaling } from "../validate/types.js";
import type { CompileContext } from "./context.js";
import { stableStringify, shortHash } from "./hash.js";
import type { Obj } from "./k8s-types.js";
import { objectMeta, selectorLabels, type Owner } from "./metadata.js";
import { dataosNames, instanceName, k8sName } from "./names.js";
import { configMap, foreignObject, serviceAccount } from "./objects.js";
import { buildPod, podSpecOf, type PodPlan } from "./pod-template.js";
import { monitorObjects, scrapeAnnotations, withObservability } from "./observability.js";
import { topologySpread } from "./topology-spread.js";

/** What a long-running runnable (Worker, Service) asks of its Deployment. */
export interface WorkloadOptions {
  replicas: number;
  autoScaling?: Autoscaling;
  /** Container ports of the main container, unless its template declares its own. */
  containerPorts?: Obj[];
  /** The Service port a ServiceMonitor scrapes, when the runnable has a Service. */
  metricsService?: { portName: string };
}

/**
 * The objects of a long-running runnable: ServiceAccount, ConfigMap, and either the stack's
 * rendered resourceTemplate object (emitted as is, no Deployment) or a Deployment with its
 * HorizontalPodAutoscaler and PodDisruptionBudget.
 */
export function workloadObjects(
  r: RenderedRunnable,
  owner: Owner,
  options: WorkloadOptions,
  ctx: CompileContext,
): K8sObject[] {
  const ns = r.workspace;
  const sa = k8sName(dataosNames.serviceAccount(r.name, r.stamp));
  const plan = buildPod(r, ctx);
  const objects: K8sObject[] = [serviceAccount(owner, sa, ns)];
  if (plan.configMap !== undefined) objects.push(configMap(owner, plan.configMap, ns));
  if (r.resourceObject !== undefined)
    return [...objects, foreignObject(owner, r.resourceObject, ns)];
  const hpa = options.autoScaling?.enabled === true ? options.autoScaling : undefined;
  objects.push(
    deployment(r, owner, plan, sa, options, hpa, scrapeAnnotations(r.stack.spec, ctx.config)),
  );
  objects.push(
    ...monitorObjects(
      owner,
      instanceName(r.name, r.stamp),
      ns,
      plan.container,
      r.stack.spec,
      ctx.config,
      options.metricsService,
    ),
  );
  if (hpa !== undefined) objects.push(autoscaler(r, owner, hpa));
  const minimum = hpa?.minReplicas ?? options.replicas;
  if (minimum > 1) objects.push(disruptionBudget(r, owner));
  return objects;
}

function deployment(
  r: RenderedRunnable,
  owner: Owner,
  plan: PodPlan,
  sa: string,
  options: WorkloadOptions,
  hpa: Autoscaling | undefined,
  scrape: Record<string, string>,
): K8sObject {
  const selector = selectorLabels(owner);
  if (options.containerPorts !== undefined && plan.container.ports === undefined) {
    plan.container.ports = options.containerPorts;
  }
  plan.container = withObservability(plan.container, r.stack.spec);
  const spread = topologySpread(r.spec.highAvailabilityConfig, selector);
  const podSpec = podSpecOf(
    plan,
    sa,
    spread.length > 0 ? { topologySpreadConstraints: spread } : {},
  );
  const template: Obj = { metadata: { labels: selector }, spec: podSpec };
  // The ConfigMap keeps its name across changes, so a config change alone would not restart
  // the pods: hashing the config into the pod template makes it a rollout.
  if (plan.configMap !== undefined) {
    template.metadata = {
      annotations: { "stackyard.dev/config-hash": shortHash(stableStringify(plan.configMap.data)) },
      labels: selector,
    };
  }
  if (Object.keys(scrape).length > 0) {
    const metadata = template.metadata as Obj;
    template.metadata = {
      ...metadata,
      annotations: { ...(metadata.annotations as Obj | undefined), ...scrape },
    };
  }
  const spec: Obj = { selector: { matchLabels: selector }, template };
  // With an HPA the replica count is the HPA's: a fixed value would make Argo CD fight it.
  if (hpa === undefined) spec.replicas = options.replicas;
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: objectMeta(owner, dataosNames.deployment(r.name, r.stamp), r.workspace),
    spec,
  };
}

function autoscaler(r: RenderedRunnable, owner: Owner, hpa: Autoscaling): K8sObject {
  const metrics: Obj[] = [];
  // DataOS defaults a Service's CPU target to 80%; an HPA without any metric would do the same.
  const cpu =
    hpa.targetCPUUtilizationPercentage ??
    (hpa.targetMemoryUtilizationPercentage === undefined ? 80 : undefined);
  if (cpu !== undefined) metrics.push(utilization("cpu", cpu));
  if (hpa.targetMemoryUtilizationPercentage !== undefined) {
    metrics.push(utilization("memory", hpa.targetMemoryUtilizationPercentage));
  }
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: objectMeta(owner, instanceName(r.name, r.stamp), r.workspace),
    spec: {
      maxReplicas: hpa.maxReplicas,
      metrics,
      minReplicas: hpa.minReplicas,
      scaleTargetRef: {
        apiVersion: "apps/v1",
        kind: "Deployment",
        name: k8sName(dataosNames.deployment(r.name, r.stamp)),
      },
    },
  };
}

function utilization(name: "cpu" | "memory", averageUtilization: number): Obj {
  return {
    resource: { name, target: { averageUtilization, type: "Utilization" } },
    type: "Resource",
  };
}

/**
 * `maxUnavailable: 1` rather than `minAvailable: 1`: it keeps all but one replica up however
 * far the HPA scales out, and still lets a node drain proceed one pod at a time.
 */
function disruptionBudget(r: RenderedRunnable, owner: Owner): K8sObject {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: objectMeta(owner, instanceName(r.name, r.stamp), r.workspace),
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(owner) } },
  };
}
