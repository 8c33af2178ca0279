import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import {
  buildTempRepo,
  configFiles,
  exampleRepo,
  resourceStepObjects,
  type BuiltRepo,
} from "./build-temp-repo.js";
import { pyCompileError } from "./python-check.js";
import { SPARK_APPLICATION_SCHEMA } from "./spark-application-schema.js";
import { sqlProblems } from "./sql-check.js";

const validateSparkApplication = new Ajv({ allErrors: true, strict: true }).compile(
  SPARK_APPLICATION_SCHEMA,
);

function sqlOf(built: BuiltRepo, configMap: string): string {
  const sql = configFiles(built).get(`${configMap}/job.sql`);
  if (sql === undefined) throw new Error(`no job.sql in ConfigMap ${configMap}`);
  return sql;
}

describe("flare and toolbox stacks", () => {
  it("compile the examples into well-formed Spark SQL, a runner that compiles and valid SparkApplications", async () => {
    const built = await buildTempRepo(await exampleRepo("flare.yaml"));
    expect(built.errors).toBe("");
    for (const name of ["clean-orders-workflow", "pin-orders-workflow", "append-orders-workflow"]) {
      expect(sqlProblems(sqlOf(built, name)), name).toEqual([]);
      expect(pyCompileError(configFiles(built).get(`${name}/job.py`) ?? ""), name).toBe("");
    }
    const apps = resourceStepObjects(built);
    expect(apps.map((a) => a.kind)).toEqual([
      "SparkApplication",
      "SparkApplication",
      "SparkApplication",
    ]);
    for (const app of apps)
      expect(validateSparkApplication(app) ? [] : validateSparkApplication.errors).toEqual([]);
  });

  it("turns save modes, partitions, sorting and merges into the matching statements", async () => {
    const built = await buildTempRepo(await exampleRepo("flare.yaml"));
    const sql = sqlOf(built, "clean-orders-workflow");
    expect(sql).toContain(
      "CREATE OR REPLACE TEMPORARY VIEW `raw_orders`\nUSING csv\nOPTIONS ('path' 's3a://acme-landing/sales/orders', 'header' 'true', 'inferSchema' 'true');",
    );
    expect(sql).toContain(
      "CREATE OR REPLACE TABLE `lakehouse`.`sales`.`orders`\nUSING iceberg\nPARTITIONED BY (`country`, days(`ordered_at`))",
    );
    expect(sql).toContain("AS SELECT * FROM `cleaned` SORT BY `ordered_at` DESC;");
    expect(sql).toContain(
      "MERGE INTO `lakehouse`.`sales`.`orders_latest` AS old\nUSING (SELECT * FROM `cleaned`) AS new\nON old.id = new.id\nWHEN matched then update set * when not matched then insert *;",
    );
    expect(sqlOf(built, "append-orders-workflow")).toContain(
      "INSERT INTO `lakehouse`.`sales`.`orders_raw`\nSELECT * FROM `raw_orders`;",
    );
    expect(sqlOf(built, "pin-orders-workflow")).toContain(
      "CALL `lakehouse`.system.set_current_snapshot(\n  table => 'sales.orders',\n  ref => 'main'\n);",
    );
  });

  it("makes every Iceberg depot a catalog and passes the Spark sizing through", async () => {
    const built = await buildTempRepo(await exampleRepo("flare.yaml"));
    const apps = resourceStepObjects(built);
    const clean = apps.find((a) => a.metadata.labels["app.kubernetes.io/name"] === "clean-orders");
    const flare5 = apps.find(
      (a) => a.metadata.labels["app.kubernetes.io/name"] === "append-orders",
    );
    expect(clean!.spec.sparkConf).toMatchObject({
      "spark.sql.catalog.lakehouse": "org.apache.iceberg.spark.SparkCatalog",
      "spark.sql.catalog.lakehouse.type": "hadoop",
      "spark.sql.catalog.lakehouse.warehouse": "s3a://acme-lakehouse/warehouse",
      "spark.sql.shuffle.partitions": "64",
    });
    expect(clean!.spec.executor).toMatchObject({
      instances: 2,
      cores: 1,
      memory: "2048m",
      coreLimit: "1200m",
    });
    // Both depots' secrets hold AWS_ACCESS_KEY_ID: each key gets its depot's prefix, and the
    // S3A connector reads each bucket's pair from its own variables.
    expect(clean!.spec.driver.envFrom).toBeUndefined();
    const credentials = (clean!.spec.driver.env as any[]).filter((e) => e.valueFrom);
    expect(credentials).toEqual([
      ref("DEPOT_LAKEHOUSE_AWS_ACCESS_KEY_ID", "lakehouse-rw", "AWS_ACCESS_KEY_ID"),
      ref("DEPOT_LAKEHOUSE_AWS_SECRET_ACCESS_KEY", "lakehouse-rw", "AWS_SECRET_ACCESS_KEY"),
      ref("DEPOT_LANDING_AWS_ACCESS_KEY_ID", "landing-r", "AWS_ACCESS_KEY_ID"),
      ref("DEPOT_LANDING_AWS_SECRET_ACCESS_KEY", "landing-r", "AWS_SECRET_ACCESS_KEY"),
    ]);
    expect(clean!.spec.executor.env).toEqual(clean!.spec.driver.env);
    expect(clean!.spec.sparkConf).toMatchObject({
      "spark.hadoop.fs.s3a.bucket.acme-lakehouse.access.key":
        "${env.DEPOT_LAKEHOUSE_AWS_ACCESS_KEY_ID}",
      "spark.hadoop.fs.s3a.bucket.acme-landing.secret.key":
        "${env.DEPOT_LANDING_AWS_SECRET_ACCESS_KEY}",
    });
    expect(flare5!.spec.sparkVersion).toBe("3.3.3");
    expect(flare5!.spec.deps.packages).toContain(
      "org.apache.iceberg:iceberg-spark-runtime-3.3_2.12:1.6.1",
    );
  });

  it("quotes identifiers and string literals it writes", async () => {
    const files = await exampleRepo();
    files["resources/wf.yaml"] = flareJob({
      name: "odd",
      dataset: "dataos://landing:sales/orders",
      format: "json",
      options: { "multi'line": "it's a\\b" },
    });
    const built = await buildTempRepo(files);
    expect(built.errors).toBe("");
    const sql = sqlOf(built, "job-workflow");
    expect(sql).toContain(
      "OPTIONS ('path' 's3a://acme-landing/sales/orders', 'multi\\'line' 'it\\'s a\\\\b');",
    );
    expect(sqlProblems(sql)).toEqual([]);
  });

  it("refuses what Spark SQL cannot do, naming the output", async () => {
    const files = await exampleRepo();
    files["resources/wf.yaml"] = flareJob(
      { name: "src", dataset: "dataos://landing:sales/orders", format: "csv" },
      {
        name: "src",
        dataset: "dataos://landing:exports/orders",
        format: "parquet",
        options: { saveMode: "append" },
      },
    );
    const built = await buildTempRepo(files);
    expect(built.errors).toMatch(
      /TEMPLATE_EXEC .*output src writes parquet files with saveMode append/,
    );
  });

  it("rejects unknown keys of the job at build time, at the user's line", async () => {
    const files = await exampleRepo();
    files["resources/wf.yaml"] = flareJob({
      name: "src",
      dataset: "dataos://landing:sales/orders",
      fromat: "csv",
    });
    const built = await buildTempRepo(files);
    expect(built.errors).toMatch(/resources\/wf\.yaml:\d+:\d+ error STACKSPEC_INVALID/);
  });
});

/** A one-job Flare workflow (name `job`) with the given input and output. */
function flareJob(input: Record<string, unknown>, output?: Record<string, unknown>): string {
  const job = { inputs: [input], outputs: output ? [output] : [] };
  return [
    "name: flare-case",
    "version: v1",
    "type: workflow",
    "workspace: examples",
    "workflow:",
    "  dag:",
    "    - name: job",
    "      spec:",
    "        stack: flare:7.0",
    "        compute: runnable-default",
    `        stackSpec: ${JSON.stringify({ job })}`,
    "",
  ].join("\n");
}

function ref(name: string, secret: string, key: string) {
  return { name, valueFrom: { secretKeyRef: { key, name: secret } } };
}
