import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import type { CompiledRepo } from "../../src/build/index.js";
import { cutSyncUnits, MAX_UNIT_OBJECTS, type PlacedObject } from "../../src/gitops/index.js";
import { platformFiles } from "./fixture.js";
import { compileDir, exampleConfig, tempRepo, type TempRepo } from "./helpers.js";
import { kustomize, removeTree, writeTree } from "./kustomize.js";

const CLUSTERS = `clusters:
  - name: big
    engine: flux
    repoURL: https://github.com/acme/platform.git
    flux: {wait: false}
`;

/** 2 workspaces × (499 Workers + a Service + a Volume) = 1,002 resources, ~2,000 objects. */
const WORKERS = 499;

let repo: TempRepo;
let built: CompiledRepo & { errors: string };
let outDir: string;
let units: Array<Record<string, any>>;

beforeAll(async () => {
  repo = await tempRepo(exampleConfig(CLUSTERS), platformFiles(["retail", "analytics"], WORKERS));
  built = await compileDir(repo.dir);
  outDir = await writeTree(built.files);
  units = built.files
    .filter(
      (f) =>
        f.path.startsWith("big/bootstrap/kustomization-big-") && !f.path.endsWith("bootstrap.yaml"),
    )
    .map((f) => parse(f.content) as Record<string, any>);
}, 120_000);
afterAll(async () => {
  await repo.dispose();
  await removeTree(outDir);
});

describe("a repository of 1,000 resources", () => {
  it("compiles", () => {
    expect(built.errors).toBe("");
    expect(built.stats.resources).toBe(2 * (WORKERS + 2));
  });

  it("is cut into sync units of at most 500 objects that kubectl kustomize builds in full", async () => {
    expect(units.length).toBeGreaterThan(4);
    let total = 0;
    for (const unit of units) {
      const folder = unit.spec.path.replace(/^\.\/out\//, "");
      const result = await kustomize(`${outDir}/${folder}`);
      if (!result.ok) throw new Error(`${folder}: ${result.error}`);
      const count = parseAllDocuments(result.yaml).length;
      expect(count, folder).toBeLessThanOrEqual(MAX_UNIT_OBJECTS);
      total += count;
    }
    const objectFiles = built.files.filter(
      (f) =>
        f.path.startsWith("big/") &&
        !f.path.includes("bootstrap") &&
        !f.path.endsWith("kustomization.yaml"),
    );
    expect(total).toBe(objectFiles.length);
  }, 120_000);

  it("applies each workspace's Namespace first, then config parts, then workload parts", () => {
    const byName = new Map(units.map((u) => [u.metadata.name as string, u]));
    const deps = (name: string) =>
      (byName.get(name)!.spec.dependsOn ?? []).map((d: { name: string }) => d.name);
    expect(deps("big-retail")).toEqual([]);
    const configParts = [...byName.keys()].filter((n) => n.startsWith("big-retail-config-"));
    const appParts = [...byName.keys()].filter((n) => n.startsWith("big-retail-apps-"));
    expect(configParts.length).toBeGreaterThan(0);
    expect(appParts.length).toBeGreaterThan(1);
    for (const c of configParts) expect(deps(c)).toEqual(["big-retail"]);
    for (const a of appParts) expect(deps(a)).toEqual(["big-retail", ...configParts]);
  });

  it("names the workloads as health checks when wait is off", () => {
    const part = units.find((u) => u.metadata.name === "big-retail-apps-1")!;
    expect(part.spec.wait).toBe(false);
    expect(part.spec.healthChecks.length).toBeGreaterThan(0);
    expect(part.spec.healthChecks[0]).toMatchObject({
      apiVersion: "apps/v1",
      kind: "Deployment",
      namespace: "retail",
    });
  });

  it("lists only the Namespace in a split workspace's own folder", () => {
    const own = built.files.find((f) => f.path === "big/retail/kustomization.yaml")!;
    expect(parse(own.content).resources).toEqual(["namespace-retail.yaml"]);
  });
});

describe("cutting sync units", () => {
  const placed = (workspace: string, resources: number, perResource: number): PlacedObject[] =>
    Array.from({ length: resources }, (_, r) =>
      Array.from({ length: perResource }, (_, i) => ({
        path: `c/${workspace}/worker-w${r}/deployment-${i}.yaml`,
        object: {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: `w${r}-${i}`, namespace: workspace },
        },
      })),
    ).flat();

  it("keeps a small workspace whole", () => {
    const units = cutSyncUnits("c", placed("a", 10, 3), { maxObjects: 50 });
    expect(units.map((u) => [u.name, u.folder, u.role])).toEqual([["c-a", "c/a", "workspace"]]);
  });

  it("keeps a resource in its part when another resource is added", () => {
    const before = cutSyncUnits("c", placed("a", 40, 3), { maxObjects: 50 });
    const after = cutSyncUnits("c", placed("a", 41, 3), { maxObjects: 50 });
    const partOf = (units: typeof before, member: string) =>
      units.find((u) => u.members?.includes(member))?.name;
    const moved = Array.from({ length: 40 }, (_, r) => `../worker-w${r}`).filter(
      (m) => partOf(before, m) !== partOf(after, m),
    );
    expect(moved).toEqual([]);
    for (const u of after) expect(u.objects.length).toBeLessThanOrEqual(50);
  });

  it("gives a resource larger than the limit a part of its own rather than failing", () => {
    const objects = [
      ...placed("a", 1, 80),
      ...placed("a", 5, 2).map((p) => ({ ...p, path: p.path.replace("worker-w", "worker-x") })),
    ];
    const units = cutSyncUnits("c", objects, { maxObjects: 50 });
    const big = units.find((u) => u.members?.includes("../worker-w0"))!;
    expect(big.members).toEqual(["../worker-w0"]);
  });
});
