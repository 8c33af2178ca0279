import { checkDag } from "../../src/validate/check-dag.js";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { compileAll } from "../../src/compile/index.js";
import type { RenderedRunnable } from "../../src/render/types.js";
import type { WorkflowResource } from "../../src/validate/types.js";
import { makeConfig, makeRunnable, makeStack, makeWorkflow, type JobInput } from "./factories.js";
import { compile, kinds, one } from "./helpers.js";

const NIGHTLY = {
  concurrencyPolicy: "Forbid" as const,
  cron: "15 2 * * *",
  timezone: "Europe/Berlin",
};

function jobsOf(wf: WorkflowResource, extra: Partial<RenderedRunnable> = {}): RenderedRunnable[] {
  return wf.spec.dag.map((j) => makeRunnable(wf, { jobName: j.name, ...extra }));
}

/** The text a diagnostic underlines. */
function underlined(wf: WorkflowResource, d: { range?: { start: number; end: number } }): string {
  return wf.origin.source.text.slice(d.range!.start, d.range!.end);
}

describe("Workflow", () => {
  test("scheduled: a CronWorkflow whose DAG has the jobs, dependencies and retry strategies", () => {
    const wf = makeWorkflow(
      "nightly",
      [
        {
          name: "ingest",
          retry: { count: 2, duration: "30s", maxDuration: "10m", strategy: "OnFailure" },
        },
        { dependencies: ["ingest"], name: "check" },
      ],
      NIGHTLY,
    );
    const runnables = jobsOf(wf, { configFiles: { "job.yaml": "x: 1\n" } });
    const { objects, diagnostics } = compile(runnables, [wf]);
    expect(diagnostics).toEqual([]);
    expect(kinds(objects)).toEqual([
      "ConfigMap",
      "ConfigMap",
      "CronWorkflow",
      "Namespace",
      "Role",
      "RoleBinding",
      "ServiceAccount",
    ]);
    const cron = one(objects, "CronWorkflow");
    expect(cron.metadata.name).toBe("nightly");
    expect(cron.spec).toMatchObject({
      concurrencyPolicy: "Forbid",
      schedules: ["15 2 * * *"],
      timezone: "Europe/Berlin",
    });
    expect(cron.spec.suspend).toBeUndefined();
    const spec = cron.spec.workflowSpec;
    expect(spec.entrypoint).toBe("dag");
    expect(spec.serviceAccountName).toBe("nightly-sa");
    expect(spec.templates[0]).toEqual({
      dag: {
        tasks: [
          { name: "ingest", template: "job-ingest" },
          { dependencies: ["ingest"], name: "check", template: "job-check" },
        ],
      },
      name: "dag",
    });
    const ingest = spec.templates[1];
    expect(ingest.retryStrategy).toEqual({
      backoff: { duration: "30s", maxDuration: "10m" },
      limit: 2,
      retryPolicy: "OnFailure",
    });
    expect(ingest.container.name).toBe("main");
    expect(ingest.container.image).toBe("docker.io/acme/tool:1.0");
    expect(ingest.metadata.labels["stackyard.dev/job"]).toBe("ingest");
    expect(ingest.securityContext).toEqual({
      runAsNonRoot: true,
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(ingest.volumes).toEqual([
      { configMap: { name: "ingest-workflow" }, name: "dataos-config-mount" },
    ]);
    expect(
      objects
        .filter((o) => o.object.kind === "ConfigMap")
        .map((o) => o.object.metadata.name)
        .sort(),
    ).toEqual(["check-workflow", "ingest-workflow"]);
    // Argo's executor reports results through the API: the only right the Role grants.
    expect(one(objects, "Role").rules).toEqual([
      {
        apiGroups: ["argoproj.io"],
        resources: ["workflowtaskresults"],
        verbs: ["create", "patch"],
      },
    ]);
    expect(one(objects, "ServiceAccount").automountServiceAccountToken).toBe(true);
  });

  test("endOn → a `when` guard, an annotation and a warning at endOn", () => {
    const wf = makeWorkflow("nightly", [{ name: "a" }], {
      ...NIGHTLY,
      endOn: "2027-01-01T00:00:00Z",
    });
    const { objects, diagnostics } = compile(jobsOf(wf), [wf]);
    const cron = one(objects, "CronWorkflow");
    expect(cron.spec.when).toBe('{{= now() < date("2027-01-01T00:00:00Z") }}');
    expect(cron.metadata.annotations["stackyard.dev/end-on"]).toBe("2027-01-01T00:00:00Z");
    expect(diagnostics.map((d) => d.code)).toEqual(["FIELD_APPROXIMATED"]);
    expect(underlined(wf, diagnostics[0]!)).toBe("2027-01-01T00:00:00Z");
  });

  test("an explicit dryRun suspends a CronWorkflow; on a one-off workflow it is a warning", () => {
    const cron = makeWorkflow("nightly", [{ name: "a", spec: { dryRun: true } }], NIGHTLY);
    expect(one(compile(jobsOf(cron), [cron]).objects, "CronWorkflow").spec.suspend).toBe(true);
    const once = makeWorkflow("once", [{ name: "a", spec: { dryRun: true } }]);
    const { diagnostics } = compile(jobsOf(once), [once]);
    expect(diagnostics.map((d) => d.code)).toEqual(["FIELD_APPROXIMATED"]);
    expect(underlined(once, diagnostics[0]!)).toBe("true");
  });

  test("gcWhenComplete → podGC OnPodSuccess for the workflow", () => {
    const wf = makeWorkflow("once", [{ gcWhenComplete: true, name: "a" }]);
    expect(one(compile(jobsOf(wf), [wf]).objects, "Workflow").spec.podGC).toEqual({
      strategy: "OnPodSuccess",
    });
  });

  describe("one-off naming", () => {
    const build = (jobs: JobInput[], files = "x: 1\n") => {
      const wf = makeWorkflow("backfill", jobs);
      const result = compile(jobsOf(wf, { configFiles: { "job.yaml": files } }), [wf]);
      return one(result.objects, "Workflow");
    };

    test("an unchanged spec keeps its name; any change to what runs gives a new one", () => {
      const base = build([{ name: "load" }]);
      expect(base.metadata.name).toMatch(/^backfill-[0-9a-f]{8}$/);
      expect(build([{ name: "load" }]).metadata.name).toBe(base.metadata.name);
      expect(build([{ name: "load", spec: { envs: { DAY: "2" } } }]).metadata.name).not.toBe(
        base.metadata.name,
      );
      expect(build([{ name: "load" }], "x: 2\n").metadata.name).not.toBe(base.metadata.name);
    });

    test("keeps its history: GitOps never prunes old runs, a label selects them all", () => {
      const wf = build([{ name: "load" }]);
      expect(wf.metadata.annotations).toMatchObject({
        "argocd.argoproj.io/sync-options": "Prune=false",
        "kustomize.toolkit.fluxcd.io/prune": "disabled",
      });
      expect(wf.metadata.labels["stackyard.dev/workflow"]).toBe("backfill");
    });
  });

  test("a resourceTemplate job is an Argo resource step, with a Role for its kind", () => {
    const wf = makeWorkflow("spark", [{ name: "etl" }]);
    const app = {
      apiVersion: "sparkoperator.k8s.io/v1beta2",
      kind: "SparkApplication",
      metadata: { name: "etl" },
      spec: { mode: "cluster" },
    };
    const r = makeRunnable(wf, {
      jobName: "etl",
      resourceObject: app,
      templates: {
        failureCondition: "status.applicationState.state == FAILED",
        successCondition: "status.applicationState.state == COMPLETED",
      },
    });
    const { objects } = compile([r], [wf]);
    const step = one(objects, "Workflow").spec.templates[1];
    expect(step.container).toBeUndefined();
    expect(step.resource).toMatchObject({
      action: "create",
      failureCondition: "status.applicationState.state == FAILED",
      setOwnerReference: true,
      successCondition: "status.applicationState.state == COMPLETED",
    });
    const manifest = parse(step.resource.manifest);
    expect(manifest).toMatchObject({
      kind: "SparkApplication",
      metadata: { name: "etl", namespace: "sandbox" },
      spec: { mode: "cluster" },
    });
    expect(one(objects, "Role").rules).toContainEqual({
      apiGroups: ["sparkoperator.k8s.io"],
      resources: ["sparkapplications"],
      verbs: ["create", "delete", "get", "list", "patch", "watch"],
    });
    expect(one(objects, "RoleBinding")).toMatchObject({
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "spark-sa" },
      subjects: [{ kind: "ServiceAccount", name: "spark-sa", namespace: "sandbox" }],
    });
  });

  describe("DAG errors (checked by the validate stage), positioned at the dependency entry", () => {
    const errors = (jobs: JobInput[]) => {
      const wf = makeWorkflow("wf", jobs);
      return checkDag(wf).map((d) => ({
        code: d.code,
        hint: d.hint,
        message: d.message,
        text: underlined(wf, d),
      }));
    };

    test("unknown dependency, with a did-you-mean", () => {
      expect(errors([{ name: "ingest" }, { dependencies: ["injest"], name: "check" }])).toEqual([
        {
          code: "UNKNOWN_DEPENDENCY",
          hint: "did you mean `ingest`? jobs: ingest, check",
          message: "job `check` depends on unknown job `injest`",
          text: "injest",
        },
      ]);
    });

    test("self-dependency", () => {
      expect(errors([{ dependencies: ["a"], name: "a" }]).map((e) => [e.code, e.text])).toEqual([
        ["DAG_SELF_DEPENDENCY", "a"],
      ]);
    });

    test("a cycle, with its path", () => {
      const found = errors([
        { dependencies: ["c"], name: "a" },
        { dependencies: ["a"], name: "b" },
        { dependencies: ["b"], name: "c" },
      ]);
      expect(found.map((e) => [e.code, e.message, e.text])).toEqual([
        ["DAG_CYCLE", "jobs depend on each other in a cycle: a → c → b → a", "a"],
      ]);
    });

    test("duplicate job names", () => {
      expect(errors([{ name: "a" }, { name: "a" }]).map((e) => [e.code, e.text])).toEqual([
        ["DUPLICATE_JOB", "a"],
      ]);
    });
  });

  test("a job's stack image pull secret reaches the workflow spec", () => {
    const wf = makeWorkflow("once", [{ name: "a" }]);
    const stack = makeStack({
      image: { auth: { imagePullSecret: "registry" }, image: "x", tag: "1" },
    });
    const spec = one(compile(jobsOf(wf, { stack }), [wf]).objects, "Workflow").spec;
    expect(spec.imagePullSecrets).toEqual([{ name: "registry" }]);
  });
});
