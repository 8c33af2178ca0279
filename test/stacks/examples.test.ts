import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { k8sProblems } from "../compile/validate-k8s.js";
import {
  buildTempRepo,
  configFiles,
  containers,
  exampleRepo,
  REPO_ROOT,
  STACK_EXAMPLES,
} from "./build-temp-repo.js";
import { shSyntaxError } from "./python-check.js";

describe("the stack examples in resources/stacks-examples", () => {
  it("are all listed, so every test that builds them builds them all", async () => {
    const onDisk = (await readdir(path.join(REPO_ROOT, "resources/stacks-examples"))).filter(
      (f) => f !== "depots.yaml",
    );
    expect([...STACK_EXAMPLES].sort()).toEqual(onDisk.sort());
  });

  it("build together without errors into valid Kubernetes objects", async () => {
    const built = await buildTempRepo(await exampleRepo(...STACK_EXAMPLES));
    expect(built.errors).toBe("");
    const problems = built.objects.flatMap((o) =>
      k8sProblems(o as never).map((p) => `${o.kind}/${o.metadata.name}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it("render YAML config files that parse", async () => {
    const built = await buildTempRepo(await exampleRepo(...STACK_EXAMPLES));
    const yamlFiles = [...configFiles(built)].filter(([key]) => /\.ya?ml$/.test(key));
    expect(yamlFiles.length).toBeGreaterThan(4);
    for (const [key, text] of yamlFiles) expect(() => parseYaml(text), key).not.toThrow();
  });
});

describe("bento", () => {
  it("merges the platform settings into the stream config and probes Bento's endpoints", async () => {
    const built = await buildTempRepo(await exampleRepo("bento.yaml"));
    expect(built.errors).toBe("");
    const config = parseYaml(configFiles(built).get("heartbeat-worker/jobconfig.yaml")!);
    expect(config.http).toEqual({ address: "0.0.0.0:9090", enabled: true });
    expect(config.logger).toEqual({ level: "WARN", format: "json", add_timestamp: true });
    expect(config.metrics).toEqual({ prometheus: {} });
    expect(config.input.generate.interval).toBe("10s");
    const main = containers(built).find((c) => c.name === "events-intake-main")!;
    expect(main.image).toBe("ghcr.io/warpstreamlabs/bento:1.21.1");
    expect(main.readinessProbe.httpGet).toEqual({ path: "/ready", port: 9090 });
  });

  it("rejects a top-level key Bento does not know, at the user's line", async () => {
    const files = await exampleRepo();
    files["resources/w.yaml"] =
      "name: w\nversion: v1beta\ntype: worker\nworker:\n  stack: bento\n  compute: runnable-default\n  stackSpec:\n    input: {stdin: {}}\n    ouput: {stdout: {}}\n";
    expect((await buildTempRepo(files)).errors).toMatch(
      /resources\/w\.yaml:9:5 error STACKSPEC_INVALID/,
    );
  });
});

describe("beacon", () => {
  it("wires PostgREST and PostGraphile to the database and its Secret", async () => {
    const built = await buildTempRepo(await exampleRepo("beacon.yaml"));
    expect(built.errors).toBe("");
    const env = (name: string) =>
      Object.fromEntries(
        containers(built)
          .find((c) => c.name === `${name}-main`)!
          .env.map((e: any) => [e.name, e.value ?? e.valueFrom]),
      );
    expect(env("shop-rest")).toMatchObject({
      PGRST_DB_URI: "postgres://shopdb-rw.examples.svc.cluster.local:5432/shop",
      PGRST_DB_SCHEMAS: "shop",
      PGRST_DB_ANON_ROLE: "shop_anon",
      PGRST_OPENAPI_SERVER_PROXY_URI: "https://data.example.internal/shop/api/v1",
      PGPASSWORD: { secretKeyRef: { name: "shopdb-app", key: "password" } },
    });
    expect(env("shop-graphql")).toMatchObject({
      PGHOST: "shopdb-rw.examples.svc.cluster.local",
      PGPORT: "5432",
      PGDATABASE: "shop",
    });
    const graphql = containers(built).find((c) => c.name === "shop-graphql-main")!;
    expect(graphql.args).toEqual([
      "--port",
      "5000",
      "--schema",
      "shop",
      "--default-role",
      "shop_anon",
      "--retry-on-init-fail",
      "--enhance-graphiql",
      "--disable-query-log",
    ]);
  });
});

describe("soda", () => {
  it("writes a Soda data source per depot collection, SodaCL checks and a scan script", async () => {
    const built = await buildTempRepo(await exampleRepo("soda.yaml"));
    expect(built.errors).toBe("");
    const files = configFiles(built);
    expect(parseYaml(files.get("check-customers-workflow/configuration.yml")!)).toEqual({
      "data_source warehousepg_crm": {
        type: "postgres",
        host: "warehouse.db.example.internal",
        port: "5432",
        database: "warehouse",
        schema: "crm",
        username: "${username}",
        password: "${password}",
      },
    });
    const checks = parseYaml(files.get("check-customers-workflow/checks-warehousepg_crm.yml")!);
    expect(checks["checks for customers"]).toHaveLength(3);
    expect(checks["filter customers [germany]"]).toEqual({ where: "country = 'DE'" });
    expect(checks["profile columns"]).toEqual({
      columns: ["customers.email", "customers.country"],
    });
    expect(shSyntaxError(files.get("check-customers-workflow/scan.sh")!)).toBe("");
  });

  it("refuses a lakehouse dataset with a message naming the depot type", async () => {
    const files = await exampleRepo();
    files["resources/q.yaml"] =
      "name: q\nversion: v1\ntype: workflow\nworkflow:\n  dag:\n    - name: q\n      spec:\n        stack: soda+python:1.0\n        compute: runnable-default\n        stackSpec:\n          inputs:\n            - dataset: dataos://lakehouse:sales/orders\n              checks: [row_count > 0]\n";
    expect((await buildTempRepo(files)).errors).toMatch(
      /TEMPLATE_EXEC .*depot "lakehouse" of type S3/,
    );
  });
});

describe("dataos-ctl", () => {
  it("runs kubectl with the arguments and writes the inline manifest", async () => {
    const built = await buildTempRepo(await exampleRepo("dataos-ctl.yaml"));
    expect(built.errors).toBe("");
    const main = containers(built).find((c) => c.image === "registry.k8s.io/kubectl:v1.31.0")!;
    expect(main.command).toEqual(["/bin/kubectl"]);
    expect(main.args).toEqual([
      "apply",
      "-n",
      "examples",
      "-f",
      "/etc/dataos/config/manifest.yaml",
    ]);
    const manifest = parseYaml(configFiles(built).get("apply-settings-workflow/manifest.yaml")!);
    expect(manifest).toMatchObject({
      apiVersion: "v1",
      kind: "ConfigMap",
      data: { currency: "EUR" },
    });
  });
});
