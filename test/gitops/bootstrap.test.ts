import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { CompiledRepo } from "../../src/build/index.js";
import { platformFiles } from "./fixture.js";
import { compileDir, exampleConfig, tempRepo, TWO_CLUSTERS, type TempRepo } from "./helpers.js";
import { kustomizationFolders, kustomize, removeTree, writeTree } from "./kustomize.js";
import { bootstrapProblems } from "./validate-bootstrap.js";

let repo: TempRepo;
let built: CompiledRepo & { errors: string };
let outDir: string;

beforeAll(async () => {
  repo = await tempRepo(exampleConfig(TWO_CLUSTERS), platformFiles(["retail", "analytics"], 2));
  built = await compileDir(repo.dir);
  outDir = await writeTree(built.files);
});
afterAll(async () => {
  await repo.dispose();
  await removeTree(outDir);
});

const objectsUnder = (prefix: string) =>
  built.files
    .filter((f) => f.path.startsWith(prefix) && !f.path.endsWith("/kustomization.yaml"))
    .map((f) => parse(f.content) as Record<string, any>);

describe("two clusters", () => {
  it("compile without errors, each under its own folder", () => {
    expect(built.errors).toBe("");
    // Repository-wide files (lineage) sit next to the cluster folders.
    const tops = new Set(
      built.files.map((f) => f.path.split("/")[0]).filter((top) => !top!.startsWith("lineage")),
    );
    expect([...tops].sort()).toEqual(["edge", "prod-eu"]);
  });

  it("put a resource in every cluster that runs its workspace, and only there", () => {
    const paths = built.files.map((f) => f.path);
    expect(paths).toContain("prod-eu/retail/worker-consumer-0000/deployment-consumer-0000-d.yaml");
    expect(paths).toContain("edge/retail/worker-consumer-0000/deployment-consumer-0000-d.yaml");
    expect(paths).toContain(
      "prod-eu/analytics/worker-consumer-0000/deployment-consumer-0000-d.yaml",
    );
    expect(paths.filter((p) => p.startsWith("edge/analytics"))).toEqual([]);
  });

  it("write the Argo CD bootstrap: two projects, the root and one Application per workspace", () => {
    const names = objectsUnder("prod-eu/bootstrap/").map((o) => `${o.kind}/${o.metadata.name}`);
    expect(names.sort()).toEqual([
      "AppProject/prod-eu",
      "AppProject/prod-eu-bootstrap",
      "Application/prod-eu-analytics",
      "Application/prod-eu-bootstrap",
      "Application/prod-eu-retail",
    ]);
  });

  it("restrict the AppProject to the cluster's namespaces and the kinds it emits", () => {
    const project = objectsUnder("prod-eu/bootstrap/appproject-prod-eu.yaml")[0]!;
    expect(project.spec.destinations.map((d: { namespace: string }) => d.namespace)).toEqual([
      "analytics",
      "retail",
    ]);
    expect(project.spec.clusterResourceWhitelist).toEqual([{ group: "", kind: "Namespace" }]);
    const kinds = project.spec.namespaceResourceWhitelist.map(
      (g: { group: string; kind: string }) => `${g.group}/${g.kind}`,
    );
    expect(kinds).toEqual([
      "/PersistentVolumeClaim",
      "/Service",
      "/ServiceAccount",
      "apps/Deployment",
      "networking.k8s.io/Ingress",
      "policy/PodDisruptionBudget",
    ]);
    expect(project.spec.sourceRepos).toEqual(["https://github.com/acme/platform.git"]);
  });

  it("sync each Argo CD workspace automatically, with pruning, self-heal and cascading delete", () => {
    const app = objectsUnder("prod-eu/bootstrap/application-prod-eu-retail.yaml")[0]!;
    expect(app.metadata.finalizers).toEqual(["resources-finalizer.argocd.argoproj.io"]);
    expect(app.spec.source).toEqual({
      repoURL: "https://github.com/acme/platform.git",
      targetRevision: "main",
      path: "out/prod-eu/retail",
    });
    expect(app.spec.destination).toEqual({
      server: "https://kubernetes.default.svc",
      namespace: "retail",
    });
    expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
  });

  it("write the Flux bootstrap: the GitRepository, the root and one pruning Kustomization per workspace", () => {
    const objects = objectsUnder("edge/bootstrap/");
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      "GitRepository/edge",
      "Kustomization/edge-bootstrap",
      "Kustomization/edge-retail",
    ]);
    const repoObject = objects.find((o) => o.kind === "GitRepository")!;
    expect(repoObject.spec.ref).toEqual({ branch: "rendered/main" });
    const retail = objects.find((o) => o.metadata.name === "edge-retail")!;
    expect(retail.spec).toMatchObject({
      path: "./out/edge/retail",
      prune: true,
      wait: true,
      sourceRef: { kind: "GitRepository", name: "edge" },
    });
  });

  it("validate every bootstrap object against the Argo CD and Flux CRD schemas, unknown fields refused", () => {
    const bootstrap = [...objectsUnder("prod-eu/bootstrap/"), ...objectsUnder("edge/bootstrap/")];
    expect(bootstrap.length).toBe(8);
    const problems = bootstrap.flatMap((o) =>
      bootstrapProblems(o as never).map((p) => `${o.kind}/${o.metadata.name}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it("order an Argo CD sync with waves: Namespace, then config, then workloads", () => {
    const wave = (path: string) =>
      objectsUnder(path)[0]!.metadata.annotations["argocd.argoproj.io/sync-wave"];
    expect(wave("prod-eu/retail/namespace-retail.yaml")).toBe("-2");
    expect(wave("prod-eu/retail/volume-state/persistentvolumeclaim-state.yaml")).toBe("-1");
    expect(wave("prod-eu/retail/service-api/serviceaccount-api-sa.yaml")).toBe("-1");
    expect(wave("prod-eu/retail/service-api/deployment-api-d.yaml")).toBe("0");
  });

  it("leave Flux clusters' objects without Argo CD annotations", () => {
    const annotated = objectsUnder("edge/retail/").filter((o) =>
      JSON.stringify(o.metadata.annotations ?? {}).includes("argocd"),
    );
    expect(annotated).toEqual([]);
  });

  it("make the cluster folder apply the bootstrap only", () => {
    const root = built.files.find((f) => f.path === "prod-eu/kustomization.yaml")!;
    expect(parse(root.content).resources).toEqual(["bootstrap"]);
  });

  it("write only folders that kubectl kustomize accepts", async () => {
    const folders = kustomizationFolders(built.files);
    expect(folders.length).toBe(19);
    for (const folder of folders) {
      const result = await kustomize(`${outDir}/${folder}`);
      expect(result.ok ? "" : result.error, folder).toBe("");
    }
  });
});

describe("without clusters:", () => {
  it("builds one cluster folder as before: no bootstrap, no sync waves, the folder lists the workspaces", async () => {
    const plain = await tempRepo(exampleConfig("cluster: prod\n"), platformFiles(["retail"], 1));
    try {
      const result = await compileDir(plain.dir);
      expect(result.errors).toBe("");
      const paths = result.files.map((f) => f.path);
      expect(paths.filter((p) => p.includes("bootstrap"))).toEqual([]);
      expect(paths.every((p) => p.startsWith("lineage") || p.startsWith("prod/"))).toBe(true);
      expect(result.files.some((f) => f.content.includes("argocd.argoproj.io"))).toBe(false);
      expect(
        parse(result.files.find((f) => f.path === "prod/kustomization.yaml")!.content).resources,
      ).toEqual(["retail"]);
    } finally {
      await plain.dispose();
    }
  });
});
