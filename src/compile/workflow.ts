import { diag } from "../diagnostics/diagnostic.js";
import type { K8sObject, RenderedRunnable } from "../render/types.js";
import type { WorkflowResource } from "../validate/types.js";
import type { CompileContext } from "./context.js";
import { shortHash, stableStringify } from "./hash.js";
import type { Obj } from "./k8s-types.js";
import { labelValue, objectMeta, standardLabels, type Owner } from "./metadata.js";
import { k8sName } from "./names.js";
import { ownerOf, placed } from "./objects.js";
import { locationOf } from "./positions.js";
import type { OrchestratorModule } from "./types.js";
import { compileJob, jobTemplateName, type CompiledJob } from "./workflow-job.js";
import { workflowRbac } from "./workflow-rbac.js";
import {
  cronFields,
  dryRunJobs,
  END_ON_ANNOTATION,
  reportOneOffDryRun,
} from "./workflow-schedule.js";

/** Workflow → Argo Workflow or CronWorkflow, ConfigMaps per job, ServiceAccount + Role. */
export const workflowOrchestrator: OrchestratorModule = {
  summary:
    "Argo Workflow or CronWorkflow (DAG), a ConfigMap per job, ServiceAccount, Role and RoleBinding",
  compile(resource, runnables, ctx) {
    const workflow = resource as WorkflowResource;
    // The DAG itself was checked by the validate stage (check-dag.ts).
    const jobs = inDagOrder(workflow, runnables);
    const [first, ...rest] = jobs;
    // Missing jobs failed an earlier stage (already reported); a partial DAG must not run.
    if (first === undefined || jobs.length !== workflow.spec.dag.length) return [];
    const owner = ownerOf([first, ...rest], ctx.config);
    const compiled = jobs.map((r) => compileJob(r, ownerOf([r], ctx.config), ctx));
    const sa = k8sName(`${owner.instance}-sa`);
    const spec = workflowSpec(workflow, jobs, compiled, sa, ctx);
    const configMaps = compiled.flatMap((c) => (c.configMap === undefined ? [] : [c.configMap]));
    const kinds = compiled.flatMap((c) => (c.resourceKind === undefined ? [] : [c.resourceKind]));
    const main =
      workflow.spec.schedule === undefined
        ? oneOffWorkflow(owner, spec, configMaps, jobs, ctx)
        : cronWorkflow(workflow, owner, spec, jobs, ctx);
    return placed(owner, [main, ...configMaps, ...workflowRbac(owner, sa, first.workspace, kinds)]);
  },
};

/** The rendered runnables of a workflow, in the order its DAG lists the jobs. */
function inDagOrder(
  workflow: WorkflowResource,
  runnables: readonly RenderedRunnable[],
): RenderedRunnable[] {
  const byJob = new Map(runnables.map((r) => [r.job?.name, r] as const));
  return workflow.spec.dag.flatMap((job) => {
    const r = byJob.get(job.name);
    return r === undefined ? [] : [r];
  });
}

function workflowSpec(
  workflow: WorkflowResource,
  jobs: readonly RenderedRunnable[],
  compiled: readonly CompiledJob[],
  serviceAccountName: string,
  ctx: CompileContext,
): Obj {
  const tasks = jobs.map((r) => {
    const task: Obj = { name: r.job!.name, template: jobTemplateName(r.job!) };
    if (r.job!.dependencies.length > 0) task.dependencies = r.job!.dependencies;
    return task;
  });
  const spec: Obj = {
    entrypoint: "dag",
    serviceAccountName,
    templates: [{ dag: { tasks }, name: "dag" }, ...compiled.map((c) => c.template)],
  };
  const pullSecrets = [
    ...new Set(compiled.flatMap((c) => c.imagePullSecrets.map((s) => s.name))),
  ].sort();
  if (pullSecrets.length > 0) spec.imagePullSecrets = pullSecrets.map((name) => ({ name }));
  const podGC = podGarbageCollection(workflow, ctx);
  if (podGC !== undefined) spec.podGC = podGC;
  return spec;
}

/**
 * `gcWhenComplete` → `podGC: OnPodSuccess`: pods of successful steps are deleted, failed ones
 * stay for their logs. Argo collects pods per workflow, not per step, so one job asking for it
 * applies it to all (reported when the jobs disagree).
 */
function podGarbageCollection(workflow: WorkflowResource, ctx: CompileContext): Obj | undefined {
  const jobs = workflow.spec.dag;
  const asking = jobs.filter((j) => j.gcWhenComplete === true);
  if (asking.length === 0) return undefined;
  if (asking.length < jobs.length) {
    ctx.diagnostics.push(
      diag(
        "FIELD_APPROXIMATED",
        "`gcWhenComplete` applies to the whole workflow in Argo: the pods of every job are collected",
        locationOf(asking[0]!.origin, ["gcWhenComplete"]),
      ),
    );
  }
  return { strategy: "OnPodSuccess" };
}

function cronWorkflow(
  workflow: WorkflowResource,
  owner: Owner,
  workflowSpec: Obj,
  jobs: readonly RenderedRunnable[],
  ctx: CompileContext,
): K8sObject {
  const spec: Obj = {
    ...cronFields(workflow, ctx),
    workflowMetadata: { labels: standardLabels(owner) },
    workflowSpec,
  };
  // A scheduled workflow can be deployed without running: that is what DataOS's dryRun means.
  if (dryRunJobs(jobs).length > 0) spec.suspend = true;
  const metadata = objectMeta(owner, owner.instance, workflow.meta.workspace);
  const endOn = workflow.spec.schedule?.endOn;
  if (endOn !== undefined)
    metadata.annotations = { ...metadata.annotations, [END_ON_ANNOTATION]: endOn };
  return { apiVersion: "argoproj.io/v1alpha1", kind: "CronWorkflow", metadata, spec };
}

/**
 * A one-off Workflow runs once when created and is immutable in effect: Argo never re-runs a
 * Workflow whose spec is edited. So its name carries a hash of what it runs — the compiled
 * spec plus the data of its jobs' ConfigMaps, which the pods read at run time:
 *   - an unchanged manifest compiles to the same name, so a GitOps resync does not re-run it;
 *   - any change to what would run gives a new name, hence a new run.
 * Labels and annotations are left out of the hash, so moving the manifest within its file
 * (which changes `stackyard.dev/source`) does not start a run. Earlier runs are kept as
 * history: Argo CD (`Prune=false`) and Flux (`prune: disabled`) never delete them; the
 * `stackyard.dev/workflow` label selects every run of one workflow for cleanup.
 */
function oneOffWorkflow(
  owner: Owner,
  spec: Obj,
  configMaps: readonly K8sObject[],
  jobs: readonly RenderedRunnable[],
  ctx: CompileContext,
): K8sObject {
  reportOneOffDryRun(jobs, ctx);
  const configData = Object.fromEntries(configMaps.map((c) => [c.metadata.name, c.data]));
  const hash = shortHash(stableStringify({ configData, spec }));
  const { name, workspace } = owner.resource.meta;
  const metadata = objectMeta(owner, `${k8sName(owner.instance, 54)}-${hash}`, workspace);
  metadata.labels = { ...metadata.labels, "stackyard.dev/workflow": labelValue(name) };
  metadata.annotations = {
    ...metadata.annotations,
    "argocd.argoproj.io/sync-options": "Prune=false",
    "kustomize.toolkit.fluxcd.io/prune": "disabled",
  };
  return { apiVersion: "argoproj.io/v1alpha1", kind: "Workflow", metadata, spec };
}
