import type { K8sObject, RenderedRunnable } from "../render/types.js";
import type { WorkflowJob } from "../validate/types.js";
import type { CompileContext } from "./context.js";
import type { Obj } from "./k8s-types.js";
import { selectorLabels, type Owner } from "./metadata.js";
import { configMap } from "./objects.js";
import { buildPod, configMapOf } from "./pod-template.js";
import { kindRef, resourceStep, type ObjectKindRef } from "./resource-step.js";

/** One DAG job compiled: its Argo template and what the workflow around it must provide. */
export interface CompiledJob {
  template: Obj;
  configMap?: K8sObject;
  imagePullSecrets: Array<{ name: string }>;
  /** Set for a resource step: the RBAC its ServiceAccount needs. */
  resourceKind?: ObjectKindRef;
}

/**
 * The template of a job. Job templates are named `job-<name>` so that no job, whatever its
 * name, can collide with the `dag` entrypoint template.
 */
export function jobTemplateName(job: WorkflowJob): string {
  return `job-${job.name}`;
}

/**
 * A job → an Argo container template built from the default pod (or a `resource` template for
 * a stack with a workflow resourceTemplate), with its retry strategy and ConfigMap.
 */
export function compileJob(r: RenderedRunnable, jobOwner: Owner, ctx: CompileContext): CompiledJob {
  const job = r.job!;
  const template: Obj = {
    metadata: { labels: { ...selectorLabels(jobOwner), "stackyard.dev/job": job.name } },
    name: jobTemplateName(job),
  };
  if (job.retry !== undefined) template.retryStrategy = retryStrategy(job.retry);
  const compiled: CompiledJob = { imagePullSecrets: [], template };
  if (r.resourceObject !== undefined) {
    template.resource = resourceStep(r, jobOwner, r.resourceObject);
    compiled.resourceKind = kindRef(r.resourceObject);
    const files = configMapOf(r);
    if (files !== undefined) compiled.configMap = configMap(jobOwner, files, r.workspace);
    return compiled;
  }
  const plan = buildPod(r, ctx);
  // Argo names a container template's container `main` whatever it is called (its executor
  // relies on it), so the DataOS name `<name><stamp>-main` would only be misleading here.
  template.container = { ...plan.container, name: "main" };
  if (plan.initContainers.length > 0) template.initContainers = plan.initContainers;
  if (plan.sidecars.length > 0) template.sidecars = plan.sidecars;
  if (plan.volumes.length > 0) template.volumes = plan.volumes;
  if (plan.nodeSelector !== undefined) template.nodeSelector = plan.nodeSelector;
  if (plan.tolerations.length > 0) template.tolerations = plan.tolerations;
  if (plan.securityContext !== undefined) template.securityContext = plan.securityContext;
  if (plan.configMap !== undefined)
    compiled.configMap = configMap(jobOwner, plan.configMap, r.workspace);
  compiled.imagePullSecrets = plan.imagePullSecrets;
  return compiled;
}

/** `retry` → Argo's retryStrategy: the DataOS strategies are Argo's retry policies. */
function retryStrategy(retry: NonNullable<WorkflowJob["retry"]>): Obj {
  const strategy: Obj = { retryPolicy: retry.strategy };
  if (retry.count !== undefined) strategy.limit = retry.count;
  const backoff: Obj = {};
  if (retry.duration !== undefined) backoff.duration = retry.duration;
  if (retry.maxDuration !== undefined) backoff.maxDuration = retry.maxDuration;
  if (Object.keys(backoff).length > 0) strategy.backoff = backoff;
  return strategy;
}
