import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { requireBundle, runStackyard } from "./run-stackyard.js";

requireBundle();

// The worktree root is the example repository: clusters prod (every workspace) and edge (retail).
const DEPLOYMENT = "out/edge/retail/worker-orders-stream/deployment-orders-stream-d.yaml";

describe("stackyard explain OBJECT FIELD, for a field the object does not have", () => {
  it("says the object has no such field and lists the fields where the path left the object", async () => {
    const run = await runStackyard(["explain", DEPLOYMENT, "spec.template.spec.contianers"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      "stackyard: Deployment orders-stream-d has no field spec.template.spec.contianers\n",
    );
    expect(run.stderr).toContain(
      "hint: did you mean spec.template.spec.containers? fields under spec.template.spec: ",
    );
    expect(run.stderr).not.toContain("generated");
  });

  it("says a list has no element past its end, and which indexes it has", async () => {
    const run = await runStackyard(["explain", DEPLOYMENT, "spec.template.spec.containers[5]"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      "stackyard: Deployment orders-stream-d has no spec.template.spec.containers[5]: spec.template.spec.containers has 1 element\n" +
        "hint: its only index is 0 (ask about spec.template.spec.containers[0])\n",
    );
    const past = await runStackyard([
      "explain",
      DEPLOYMENT,
      "spec.template.spec.containers[5].image",
    ]);
    expect(past.code).toBe(2);
    expect(past.stdout).toBe("");
    expect(past.stderr).toContain("has no spec.template.spec.containers[5]");
  });

  it("still explains a field the object has", async () => {
    const run = await runStackyard([
      "explain",
      DEPLOYMENT,
      "spec.template.spec.containers[0].image",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'FIELD     spec.template.spec.containers.0.image = "docker.io/library/python:3.12.7-slim-bookworm"\n' +
        "FROM      stack: the image of stack python-etl+python:1.0\n" +
        "AT        resources/stacks/python-etl.yaml:28:5\n",
    );
  });
});

describe("stackyard explain, for the containers of a pod a containerResourceTemplate adds to", () => {
  // The template's init container and sidecar are its own; the main container is stackyard's,
  // from the stack's image, command and env, with the template's `container` merged over it.
  const STACK = [
    "name: tri-v1",
    "version: v1alpha",
    "type: stack",
    "stack:",
    "  name: tri",
    '  version: "1.0"',
    '  image: {registry: docker.io, repository: library, image: python, tag: "3.12"}',
    "  command: [python3]",
    "  arguments: [-m, app]",
    "  environmentVars:",
    "    STACK_MODE: fast",
    "  workerConfig:",
    "    containerResourceTemplate: &pod |",
    "      initContainers:", // line 14, template line 1
    "        - name: {{ .Name }}-init",
    "          image: docker.io/library/busybox:1.36",
    '          command: [sh, -c, "echo init"]',
    "          env:",
    "            - name: MODE",
    "              value: init", // line 20
    "      container:",
    "        env:",
    "          - name: APP_MODE",
    "            value: main", // line 24
    "      sidecars:",
    "        - name: {{ .Name }}-proxy",
    "          image: docker.io/library/envoy:1.30", // line 27
    "          command: [envoy]",
    "  workflowJobConfig:",
    "    containerResourceTemplate: *pod",
    "",
  ];
  const WORKER = [
    "name: app",
    "version: v1beta",
    "type: worker",
    "workspace: shop",
    "worker:",
    "  stack: tri",
    "  compute: runnable-default",
    "  envs:",
    "    OWN_MODE: mine",
    "",
  ];
  const WORKFLOW = [
    "name: flow",
    "version: v1",
    "type: workflow",
    "workspace: shop",
    "workflow:",
    "  dag:",
    "    - name: step",
    "      spec:",
    "        stack: tri",
    "        compute: runnable-default",
    "",
  ];
  const DEPLOY = "out/default/shop/worker-app/deployment-app-d.yaml";
  // The main container's env: the platform's (sorted), the stack's, the resource's, the template's.
  const ENV = { dryRun: 3, stack: 16, resource: 17, template: 18 };

  async function withRepo(test: (repo: string) => Promise<void>): Promise<void> {
    const repo = await mkdtemp(path.join(tmpdir(), "stackyard-explain-pod-"));
    try {
      await mkdir(path.join(repo, "resources"));
      await writeFile(path.join(repo, "stackyard.yaml"), "roots: [resources]\n");
      await writeFile(path.join(repo, "resources/stack.yaml"), STACK.join("\n"));
      await writeFile(path.join(repo, "resources/app.yaml"), WORKER.join("\n"));
      await writeFile(path.join(repo, "resources/flow.yaml"), WORKFLOW.join("\n"));
      await test(repo);
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  }

  async function origin(repo: string, object: string, field: string): Promise<string> {
    const run = await runStackyard(["explain", object, field], { cwd: repo });
    expect(run.code, run.stderr).toBe(0);
    return run.stdout.slice(run.stdout.indexOf("FIELD"));
  }

  it("traces the main container to the stack, the init container and the sidecar to their template lines", async () => {
    await withRepo(async (repo) => {
      const pod = "spec.template.spec";
      expect(await origin(repo, DEPLOY, `${pod}.containers[0].image`)).toContain(
        "FROM      stack: the image of stack tri:1.0\nAT        resources/stack.yaml:7:10\n",
      );
      expect(await origin(repo, DEPLOY, `${pod}.containers[0].command`)).toContain(
        "FROM      stack: the command of stack tri:1.0\nAT        resources/stack.yaml:8:12\n",
      );
      expect(await origin(repo, DEPLOY, `${pod}.initContainers[0].image`)).toContain(
        'FIELD     spec.template.spec.initContainers.0.image = "docker.io/library/busybox:1.36"\n' +
          "FROM      template: containerResourceTemplate of stack tri:1.0, template line 3\n" +
          "AT        resources/stack.yaml:16:11\n",
      );
      expect(await origin(repo, DEPLOY, `${pod}.initContainers[0].command`)).toContain(
        "template line 4\nAT        resources/stack.yaml:17:11\n",
      );
      expect(await origin(repo, DEPLOY, `${pod}.containers[1].image`)).toContain(
        'FIELD     spec.template.spec.containers.1.image = "docker.io/library/envoy:1.30"\n' +
          "FROM      template: containerResourceTemplate of stack tri:1.0, template line 14\n" +
          "AT        resources/stack.yaml:27:11\n",
      );
      // What the template left out of its containers is stackyard's: the resource's sizing.
      expect(await origin(repo, DEPLOY, `${pod}.initContainers[0].resources.limits.cpu`)).toContain(
        "FROM      default: stackyard's default limits (cpu 400m, memory 400Mi)\n",
      );
    });
  });

  it("traces each env var of the main container to the platform, the stack, the resource or the template", async () => {
    await withRepo(async (repo) => {
      const env = (i: number) => `spec.template.spec.containers[0].env[${i}].value`;
      expect(await origin(repo, DEPLOY, env(ENV.dryRun))).toContain(
        'env.3.value = "false"\n' +
          "FROM      default: the platform env var DATAOS_IS_DRY_RUN stackyard sets in every container: the resource's `dryRun` (false unless it sets it)\n" +
          "AT        resources/app.yaml:1:7\n",
      );
      expect(await origin(repo, DEPLOY, env(ENV.stack))).toContain(
        'env.16.value = "fast"\n' +
          "FROM      stack: the `environmentVars` of stack tri:1.0\n" +
          "AT        resources/stack.yaml:11:17\n",
      );
      expect(await origin(repo, DEPLOY, env(ENV.resource))).toContain(
        'env.17.value = "mine"\n' +
          "FROM      resource: the resource's `envs.OWN_MODE`\n" +
          "AT        resources/app.yaml:9:15\n",
      );
      expect(await origin(repo, DEPLOY, env(ENV.template))).toContain(
        'env.18.value = "main"\n' +
          "FROM      template: containerResourceTemplate of stack tri:1.0, template line 11\n" +
          "AT        resources/stack.yaml:24:13\n",
      );
      expect(
        await origin(repo, DEPLOY, "spec.template.spec.initContainers[0].env[0].value"),
      ).toContain("template line 7\nAT        resources/stack.yaml:20:15\n");
    });
  });

  it("does the same for an Argo container template's container, sidecars and init containers", async () => {
    await withRepo(async (repo) => {
      const build = await runStackyard(["build"], { cwd: repo });
      expect(build.code, build.stderr).toBe(0);
      const folder = path.join(repo, "out/default/shop/workflow-flow");
      const [file] = (await readdir(folder)).filter((f) => f.startsWith("workflow-"));
      const workflow = `out/default/shop/workflow-flow/${file!}`;
      const job = "spec.templates[1]";
      expect(await origin(repo, workflow, `${job}.container.image`)).toContain(
        "FROM      stack: the image of stack tri:1.0\nAT        resources/stack.yaml:7:10\n",
      );
      expect(await origin(repo, workflow, `${job}.initContainers[0].image`)).toContain(
        "template line 3\nAT        resources/stack.yaml:16:11\n",
      );
      expect(await origin(repo, workflow, `${job}.sidecars[0].image`)).toContain(
        "template line 14\nAT        resources/stack.yaml:27:11\n",
      );
      expect(await origin(repo, workflow, `${job}.container.env[${ENV.dryRun}].value`)).toContain(
        "FROM      default: the platform env var DATAOS_IS_DRY_RUN",
      );
    });
  });
});

describe("stackyard explain OBJECT, and the diagnostics of the rest of the repository", () => {
  // The example repository has one warning, FIELD_APPROXIMATED in orders-api.yaml.
  const API = "out/prod/analytics/service-orders-api/deployment-orders-api-d.yaml";

  it("reports the warnings of the object's resource only, and counts the others", async () => {
    const other = await runStackyard([
      "explain",
      DEPLOYMENT,
      "spec.template.spec.containers[0].image",
    ]);
    expect(other.code).toBe(0);
    expect(other.stderr).not.toContain("FIELD_APPROXIMATED");
    expect(other.stderr).toBe(
      "1 diagnostic about other resources not shown (`stackyard check` lists them)\n",
    );
    const own = await runStackyard(["explain", API, "spec.template.spec.containers[0].image"]);
    expect(own.code).toBe(0);
    expect(own.stderr).toContain(
      "resources/analytics/orders-api.yaml:18:23 warning FIELD_APPROXIMATED",
    );
    expect(own.stderr).not.toContain("not shown");
    const quiet = await runStackyard(["explain", "-q", DEPLOYMENT]);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe("");
    const unknown = await runStackyard(["explain", "deployment/nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).not.toContain("FIELD_APPROXIMATED");
    expect(unknown.stderr).not.toContain("not shown");
  });
});

describe("stackyard explain OBJECT, with clusters", () => {
  it("explains an object of out/edge/ as the edge cluster's, and KIND/NAME once per cluster", async () => {
    const edge = await runStackyard(["explain", DEPLOYMENT]);
    expect(edge.code).toBe(0);
    expect(edge.stdout).toMatch(
      /^OBJECT {4}Deployment orders-stream-d \(namespace retail\), apps\/v1\nCLUSTER {3}edge, folder worker-orders-stream\n/,
    );
    expect(edge.stdout).not.toContain("CLUSTER   prod");
    const both = await runStackyard(["explain", "deployment/orders-stream-d"]);
    expect(both.code).toBe(0);
    expect(both.stdout.match(/^CLUSTER .*$/gm)).toEqual([
      "CLUSTER   prod, folder worker-orders-stream",
      "CLUSTER   edge, folder worker-orders-stream",
    ]);
  });

  it("gives the value a cluster's override set, and its line in stackyard.yaml", async () => {
    const repo = await mkdtemp(path.join(tmpdir(), "stackyard-explain-"));
    try {
      await mkdir(path.join(repo, "resources"));
      const cluster = (name: string, more: string[] = []) => [
        `  - name: ${name}`,
        "    engine: argocd",
        "    repoURL: https://git.example.internal/x.git",
        "    branch: main",
        "    workspaces: all",
        ...more,
      ];
      await writeFile(
        path.join(repo, "stackyard.yaml"),
        [
          "roots: [resources]",
          "clusters:",
          ...cluster("prod"),
          ...cluster("edge", [
            "    overrides:",
            "      - match: {type: worker, name: sync}",
            "        set:",
            "          worker.replicas: 3",
          ]),
          "",
        ].join("\n"),
      );
      await writeFile(
        path.join(repo, "resources/sync.yaml"),
        [
          "name: sync",
          "version: v1beta",
          "type: worker",
          "workspace: shop",
          "worker:",
          "  replicas: 1",
          "  stack: container",
          "  compute: runnable-default",
          "  stackSpec: {image: ghcr.io/acme/sync:1.0}",
          "",
        ].join("\n"),
      );
      const file = (c: string) => `out/${c}/shop/worker-sync/deployment-sync-d.yaml`;
      const edge = await runStackyard(["explain", file("edge"), "spec.replicas"], { cwd: repo });
      expect(edge.code).toBe(0);
      expect(edge.stdout).toContain(
        "CLUSTER   edge, folder worker-sync\n" +
          "RESOURCE  worker:v1beta:sync:shop at resources/sync.yaml:1:7\n",
      );
      expect(edge.stdout).toContain(
        "FIELD     spec.replicas = 3\n" +
          "FROM      config: an override of cluster edge, in place of the resource's `replicas`\n" +
          "AT        stackyard.yaml:16:28\n",
      );
      const prod = await runStackyard(["explain", file("prod"), "spec.replicas"], { cwd: repo });
      expect(prod.code).toBe(0);
      expect(prod.stdout).toContain(
        "FIELD     spec.replicas = 1\n" +
          "FROM      resource: the resource's `replicas`\n" +
          "AT        resources/sync.yaml:6:13\n",
      );
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });
});

describe("stackyard explain, for an autoscaler", () => {
  const HPA = "out/prod/analytics/service-orders-api/horizontalpodautoscaler-orders-api.yaml";

  it("traces its fields to the resource's autoScaling, and a cluster's override to stackyard.yaml", async () => {
    const max = await runStackyard(["explain", HPA, "spec.maxReplicas"]);
    expect(max.code).toBe(0);
    expect(max.stdout).toContain(
      "FIELD     spec.maxReplicas = 5\n" +
        "FROM      resource: the resource's `autoScaling.maxReplicas`\n" +
        "AT        resources/analytics/orders-api.yaml:22:18\n",
    );
    const memory = await runStackyard([
      "explain",
      HPA,
      "spec.metrics[1].resource.target.averageUtilization",
    ]);
    expect(memory.stdout).toContain(
      "FROM      resource: the resource's `autoScaling.targetMemoryUtilizationPercentage`\n" +
        "AT        resources/analytics/orders-api.yaml:24:40\n",
    );
    const min = await runStackyard(["explain", HPA, "spec.minReplicas"]);
    expect(min.stdout).toContain(
      "FIELD     spec.minReplicas = 3\n" +
        "FROM      config: an override of cluster prod, in place of the resource's `autoScaling.minReplicas`\n" +
        "AT        stackyard.yaml:17:44\n",
    );
  });

  it("says an autoscaled Deployment has no spec.replicas because its autoscaler sets them, from autoScaling", async () => {
    const run = await runStackyard([
      "explain",
      "out/prod/analytics/service-orders-api/deployment-orders-api-d.yaml",
      "spec.replicas",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "FIELD     spec.replicas = (not set)\n" +
        "FROM      resource: left out of the Deployment: the resource's `autoScaling` makes a HorizontalPodAutoscaler, which sets the replicas; the resource's `replicas` (line 12) is not used while it autoscales\n" +
        "AT        resources/analytics/orders-api.yaml:20:5\n" +
        `SET BY    HorizontalPodAutoscaler orders-api, between 3 and 5 replicas (${HPA})\n`,
    );
    const json = await runStackyard([
      "explain",
      "--json",
      "deployment/orders-stream-d",
      "spec.replicas",
    ]);
    expect(json.code).toBe(0);
    const answers = JSON.parse(json.stdout) as Array<{
      object: { cluster: string };
      field: { origin: { kind: string }; autoscaler: unknown };
    }>;
    expect(answers.map((a) => [a.object.cluster, a.field.origin.kind, a.field.autoscaler])).toEqual(
      [
        [
          "prod",
          "resource",
          {
            name: "orders-stream",
            file: "out/prod/retail/worker-orders-stream/horizontalpodautoscaler-orders-stream.yaml",
            minReplicas: 2,
            maxReplicas: 6,
          },
        ],
        [
          "edge",
          "resource",
          {
            name: "orders-stream",
            file: "out/edge/retail/worker-orders-stream/horizontalpodautoscaler-orders-stream.yaml",
            minReplicas: 2,
            maxReplicas: 6,
          },
        ],
      ],
    );
  });

  it("answers the rest of the autoscaler: its target, its spec, its name and namespace", async () => {
    const ask = async (field: string) => {
      const run = await runStackyard(["explain", HPA, field]);
      expect(run.code).toBe(0);
      return run.stdout.slice(run.stdout.indexOf("FIELD"));
    };
    // The target's name is the Deployment's, not a line of the container template that writes `name:`.
    expect(await ask("spec.scaleTargetRef.name")).toBe(
      'FIELD     spec.scaleTargetRef.name = "orders-api-d"\n' +
        "FROM      generated: the Deployment stackyard makes for service orders-api (orders-api-d), which the resource's `autoScaling` scales\n" +
        "AT        resources/analytics/orders-api.yaml:3:7\n",
    );
    expect(await ask("spec")).toContain(
      "FROM      resource: the resource's `autoScaling`\nAT        resources/analytics/orders-api.yaml:20:5\n",
    );
    // The name is the resource's, not the command argument `orders-api` that happens to equal it.
    expect(await ask("metadata.name")).toBe(
      'FIELD     metadata.name = "orders-api"\n' +
        "FROM      resource: named after the resource's `name`\n" +
        "AT        resources/analytics/orders-api.yaml:3:7\n",
    );
    expect(await ask("metadata.namespace")).toBe(
      'FIELD     metadata.namespace = "analytics"\n' +
        "FROM      resource: the resource's `workspace`\n" +
        "AT        resources/analytics/orders-api.yaml:9:12\n",
    );
  });
});

describe("stackyard explain OBJECT FIELD, for a key with dots (a label, an annotation)", () => {
  const HPA = "out/prod/analytics/service-orders-api/horizontalpodautoscaler-orders-api.yaml";

  it("finds the key written as is or quoted in brackets, and explains it", async () => {
    const owner = await runStackyard(["explain", HPA, "metadata.labels.stackyard.dev/owner"]);
    expect(owner.code).toBe(0);
    expect(owner.stdout).toContain(
      'FIELD     metadata.labels.stackyard.dev/owner = "analytics"\n' +
        "FROM      resource: the resource's `owner`\n" +
        "AT        resources/analytics/orders-api.yaml:7:8\n",
    );
    const name = await runStackyard(["explain", HPA, 'metadata.labels["app.kubernetes.io/name"]']);
    expect(name.code).toBe(0);
    // Generated, not the command argument `orders-api` that equals the value.
    expect(name.stdout).toContain(
      'FIELD     metadata.labels.app.kubernetes.io/name = "orders-api"\n' +
        "FROM      generated: stackyard's labels of every object it makes for service orders-api\n",
    );
  });

  it("suggests the key a mistyped one meant", async () => {
    const run = await runStackyard(["explain", HPA, "metadata.labels.app.kubernetes.io/nmae"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "stackyard: HorizontalPodAutoscaler orders-api has no field metadata.labels.app.kubernetes.io/nmae\n" +
        "hint: did you mean metadata.labels.app.kubernetes.io/name? fields under metadata.labels: ",
    );
  });
});

describe("stackyard explain, for an object a Workflow job's template rendered", () => {
  it("explains it from that job's stack, not from the first job's, nor as stackyard's own", async () => {
    const repo = await mkdtemp(path.join(tmpdir(), "stackyard-explain-wf-"));
    try {
      await mkdir(path.join(repo, "resources"));
      await writeFile(
        path.join(repo, "resources/wf.yaml"),
        [
          "name: sync",
          "version: v1",
          "type: workflow",
          "workspace: shop",
          "workflow:",
          "  dag:",
          "    - name: sync-first",
          "      spec:",
          "        stack: container",
          "        compute: runnable-default",
          "        stackSpec: {image: ghcr.io/acme/sync:1.0}",
          "    - name: sync-apply",
          "      dependencies: [sync-first]",
          "      spec:",
          "        stack: dataos-ctl",
          "        compute: runnable-default",
          "        stackSpec: {arguments: [get, pods]}",
          "",
        ].join("\n"),
      );
      // dataos-ctl's extraResourcesTemplate writes the Role of the second job.
      const run = await runStackyard(["explain", "role/sync-apply-kubectl", "metadata.name"], {
        cwd: repo,
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        /FIELD {5}metadata\.name = "sync-apply-kubectl"\nFROM {6}template: extraResourcesTemplate of stack dataos-ctl:1\.0, template line \d+\n/,
      );
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });
});

describe("stackyard explain, for a workspace's Namespace", () => {
  it("says it is made for the workspace and lists its resources, not one resource that made it", async () => {
    const run = await runStackyard(["explain", "out/prod/retail/namespace-retail.yaml"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      "OBJECT    Namespace retail, v1\n" +
        "CLUSTER   prod\n" +
        "WORKSPACE retail: the Namespace of every object in it, made for 4 resources\n" +
        "          instance-secret:v1:lakehouse-rw:public at resources/platform/secrets.yaml:14:7\n" +
        "          instance-secret:v1:landing-r:public at resources/platform/secrets.yaml:25:7\n" +
        "          workflow:v1:nightly-orders:retail at resources/retail/nightly-orders.yaml:4:7\n" +
        "          worker:v1beta:orders-stream:retail at resources/retail/orders-stream.yaml:2:7\n",
    );
    const field = await runStackyard(["explain", "namespace/retail", "metadata.name", "--json"]);
    expect(field.code).toBe(0);
    const [prod] = JSON.parse(field.stdout) as Explained[];
    expect(prod!.resource).toBeUndefined();
    expect(prod!.workspace?.resources).toHaveLength(4);
    expect(prod!.field?.origin).toEqual({
      kind: "generated",
      note: "the Namespace stackyard makes for workspace retail, which holds the objects of 4 resources (see WORKSPACE)",
    });
  });

  it("names the file, and the one resource's workspace line, when there is a single source", async () => {
    const repo = await mkdtemp(path.join(tmpdir(), "stackyard-explain-ns-"));
    try {
      await mkdir(path.join(repo, "resources"));
      const worker = (name: string, workspace: string) => [
        `name: ${name}`,
        "version: v1beta",
        "type: worker",
        `workspace: ${workspace}`,
        "worker:",
        "  stack: container",
        "  compute: runnable-default",
        `  stackSpec: {image: ghcr.io/acme/${name}:1.0}`,
      ];
      await writeFile(
        path.join(repo, "resources/shop.yaml"),
        [...worker("sync", "shop"), ""].join("\n"),
      );
      await writeFile(
        path.join(repo, "resources/lab.yaml"),
        [...worker("a", "lab"), "---", ...worker("b", "lab"), ""].join("\n"),
      );
      const shop = await runStackyard(["explain", "namespace/shop", "metadata.name"], {
        cwd: repo,
      });
      expect(shop.code).toBe(0);
      expect(shop.stdout).toBe(
        "OBJECT    Namespace shop, v1\n" +
          "CLUSTER   default\n" +
          "WORKSPACE shop: the Namespace of every object in it, made for 1 resource\n" +
          "          worker:v1beta:sync:shop at resources/shop.yaml:1:7\n" +
          "\n" +
          'FIELD     metadata.name = "shop"\n' +
          "FROM      generated: the Namespace stackyard makes for workspace shop, which holds the objects of 1 resource: worker:v1beta:sync:shop, whose `workspace` names it\n" +
          "AT        resources/shop.yaml:4:12\n",
      );
      const lab = await runStackyard(["explain", "namespace/lab"], { cwd: repo });
      expect(lab.code).toBe(0);
      expect(lab.stdout).toContain(
        "WORKSPACE lab: the Namespace of every object in it, made for 2 resources, all in resources/lab.yaml\n" +
          "          worker:v1beta:a:lab at resources/lab.yaml:1:7\n" +
          "          worker:v1beta:b:lab at resources/lab.yaml:10:7\n",
      );
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });
});

interface Explained {
  resource?: unknown;
  workspace?: { name: string; resources: unknown[]; file?: string };
  field?: { origin: unknown };
}
