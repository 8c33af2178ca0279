import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { buildTempRepo, configFiles, containers, exampleRepo } from "./build-temp-repo.js";
import { pyCompileError, shSyntaxError } from "./python-check.js";

/** A one-job workflow on `stack` with the given stackSpec (JSON is valid YAML). */
function job(stack: string, stackSpec: unknown): string {
  return `name: wf\nversion: v1\ntype: workflow\nworkflow:\n  dag:\n    - name: j\n      spec:\n        stack: ${stack}\n        compute: runnable-default\n        stackSpec: ${JSON.stringify(stackSpec)}\n`;
}

async function errorsOf(stack: string, stackSpec: unknown): Promise<string> {
  const files = await exampleRepo();
  files["resources/wf.yaml"] = job(stack, stackSpec);
  return (await buildTempRepo(files)).errors;
}

describe("scanner", () => {
  it("turns the depot and the filters into an OpenMetadata ingestion workflow", async () => {
    const built = await buildTempRepo(await exampleRepo("scanner.yaml"));
    expect(built.errors).toBe("");
    const files = configFiles(built);
    const workflow = parseYaml(files.get("scan-warehouse-workflow/workflow.yaml")!);
    expect(workflow.source).toEqual({
      type: "postgres",
      serviceName: "warehousepg",
      serviceConnection: {
        config: {
          type: "Postgres",
          hostPort: "warehouse.db.example.internal:5432",
          username: "${username}",
          authType: { password: "${password}" },
          database: "warehouse",
        },
      },
      sourceConfig: {
        config: {
          type: "DatabaseMetadata",
          markDeletedTables: true,
          includeViews: true,
          schemaFilterPattern: { includes: ["^public$", "^crm$"] },
          tableFilterPattern: { excludes: ["^tmp_.*"] },
        },
      },
    });
    expect(workflow.sink).toEqual({ type: "metadata-rest", config: {} });
    expect(workflow.workflowConfig.openMetadataServerConfig).toEqual({
      hostPort: "http://openmetadata.catalog.svc:8585/api",
      authProvider: "openmetadata",
      securityConfig: { jwtToken: "${OPENMETADATA_JWT_TOKEN}" },
    });
    expect(files.has("scan-warehouse-workflow/scan-loop.sh")).toBe(false);
    const scan = containers(built).find((c) => c.args?.includes("ingest"))!;
    expect(scan.image).toBe("docker.io/openmetadata/ingestion:1.5.8");
    expect(scan.securityContext.runAsUser).toBe(50000);
  });

  it("re-scans an S3 file depot from a Worker, with the AWS keys from its secret", async () => {
    const built = await buildTempRepo(await exampleRepo("scanner.yaml"));
    const files = configFiles(built);
    const workflow = parseYaml(files.get("landing-scan-worker/workflow.yaml")!);
    expect(workflow.source.serviceConnection.config).toEqual({
      type: "Datalake",
      bucketName: "acme-landing",
      configSource: {
        securityConfig: {
          awsAccessKeyId: "${AWS_ACCESS_KEY_ID}",
          awsSecretAccessKey: "${AWS_SECRET_ACCESS_KEY}",
          awsRegion: "us-east-1",
        },
      },
    });
    expect(shSyntaxError(files.get("landing-scan-worker/scan-loop.sh")!)).toBe("");
    const worker = containers(built).find((c) => c.name === "landing-scan-main")!;
    expect(worker.command).toEqual(["sh"]);
    expect(worker.args).toEqual(["/etc/dataos/config/scan-loop.sh"]);
  });

  it("refuses DataOS's own scan types, Iceberg depots and secrets without credentials", async () => {
    expect(await errorsOf("scanner:2.0", { type: "data-product" })).toMatch(
      /TEMPLATE_EXEC .*stackSpec.type "data-product" scans DataOS's own services/,
    );
    expect(await errorsOf("scanner:2.0", { depot: "dataos://lakehouse" })).toMatch(
      /depot lakehouse holds Iceberg tables/,
    );
    const files = await exampleRepo();
    files["resources/pg.yaml"] =
      "name: pg2\nversion: v1\ntype: depot\ndepot:\n  type: POSTGRESQL\n  secrets: [{name: pg2-r, allkeys: true}]\n  postgresql: {host: db, database: d}\n---\nname: pg2-r\nversion: v1\ntype: instance-secret\ninstance-secret:\n  type: key-value\n  acl: r\n  data: {login: , secret: }\n";
    files["resources/wf.yaml"] = job("scanner:2.0", { depot: "dataos://pg2" });
    expect((await buildTempRepo(files)).errors).toMatch(
      /secrets of depot pg2 declare no key username or user \(they declare: login, secret\)/,
    );
  });

  it("rejects a stackSpec with both depot and type, and unknown filter keys", async () => {
    expect(await errorsOf("scanner:2.0", { depot: "dataos://warehousepg", type: "x" })).toMatch(
      /STACKSPEC_INVALID/,
    );
    const unknown = {
      depot: "dataos://warehousepg",
      sourceConfig: { config: { tableFilter: {} } },
    };
    expect(await errorsOf("scanner:2.0", unknown)).toMatch(/STACKSPEC_INVALID/);
  });
});

describe("dbt+python", () => {
  it("writes a profile from the depot, clones the project and runs the commands in order", async () => {
    const built = await buildTempRepo(await exampleRepo("dbt.yaml"));
    expect(built.errors).toBe("");
    const files = configFiles(built);
    expect(parseYaml(files.get("build-models-workflow/profiles.yml")!)).toEqual({
      stackyard: {
        target: "depot",
        outputs: {
          depot: {
            type: "postgres",
            host: "warehouse.db.example.internal",
            port: 5432,
            dbname: "warehouse",
            schema: "analytics",
            user: "{{ env_var('username') }}",
            password: "{{ env_var('password') }}",
            threads: 8,
          },
        },
      },
    });
    const run = files.get("build-models-workflow/run.sh")!;
    expect(shSyntaxError(run)).toBe("");
    expect(run).toContain("cd /work/project/transform\n");
    expect(run).toContain(
      `dbt build --profiles-dir /etc/dataos/config --target depot --select 'tag:nightly' --vars '{"lookback_days":3}'`,
    );
    const workflow = built.objects.find((o) => o.kind === "CronWorkflow")!;
    const template = workflow.spec.workflowSpec.templates.find((t: any) => t.initContainers);
    expect(template.initContainers[0].args).toContain(
      "--repo=https://github.com/acme/dbt-analytics.git",
    );
  });

  it("refuses a depot its Postgres adapter cannot reach", async () => {
    const spec = {
      depot: "dataos://lakehouse:sales",
      repo: { url: "https://x/y.git" },
      commands: [{ command: "run" }],
    };
    expect(await errorsOf("dbt+python:1.0", spec)).toMatch(/depot lakehouse is of type S3/);
  });
});

describe("great-expectations", () => {
  it("writes the suites as JSON and a validation script that compiles", async () => {
    const built = await buildTempRepo(await exampleRepo("great-expectations.yaml"));
    expect(built.errors).toBe("");
    const files = configFiles(built);
    const suites = JSON.parse(files.get("validate-customers-workflow/suites.json")!);
    expect(suites).toEqual([
      {
        source: {
          name: "warehousepg",
          host: "warehouse.db.example.internal",
          port: 5432,
          database: "warehouse",
        },
        schema: "crm",
        table: "customers",
        suite: "customers.core",
        expectations: [
          { type: "expect_column_values_to_not_be_null", kwargs: { column: "id" } },
          { type: "expect_column_values_to_be_unique", kwargs: { column: "email" } },
          { type: "expect_table_row_count_to_be_between", kwargs: { min_value: 1 } },
        ],
      },
    ]);
    expect(pyCompileError(files.get("validate-customers-workflow/validate.py")!)).toBe("");
  });
});

describe("rclone", () => {
  it("configures one remote per depot with per-key credentials that cannot collide", async () => {
    const built = await buildTempRepo(await exampleRepo("rclone.yaml"));
    expect(built.errors).toBe("");
    const main = containers(built).find((c) => c.image === "docker.io/rclone/rclone:1.68.2")!;
    expect(main.args.slice(0, 3)).toEqual([
      "copy",
      "landing:acme-landing/sales",
      "lakehouse:acme-lakehouse/warehouse/archive/sales",
    ]);
    expect(main.args).toContain("--include=*.csv");
    const refs = Object.fromEntries(
      main.env.filter((e: any) => e.valueFrom).map((e: any) => [e.name, e.valueFrom.secretKeyRef]),
    );
    expect(refs).toEqual({
      RCLONE_CONFIG_LANDING_ACCESS_KEY_ID: { name: "landing-r", key: "AWS_ACCESS_KEY_ID" },
      RCLONE_CONFIG_LANDING_SECRET_ACCESS_KEY: { name: "landing-r", key: "AWS_SECRET_ACCESS_KEY" },
      RCLONE_CONFIG_LAKEHOUSE_ACCESS_KEY_ID: { name: "lakehouse-rw", key: "AWS_ACCESS_KEY_ID" },
      RCLONE_CONFIG_LAKEHOUSE_SECRET_ACCESS_KEY: {
        name: "lakehouse-rw",
        key: "AWS_SECRET_ACCESS_KEY",
      },
    });
    expect(main.envFrom).toBeUndefined();
  });

  it("only writes to a destination addressed read-write", async () => {
    const spec = { source: "dataos://landing:sales", destination: "dataos://lakehouse:archive" };
    expect(await errorsOf("rclone:1.0", spec)).toMatch(/STACKSPEC_INVALID/);
  });
});

describe("steampipe", () => {
  it("writes a connection file per connection and a start script", async () => {
    const built = await buildTempRepo(await exampleRepo("steampipe.yaml"));
    expect(built.errors).toBe("");
    const files = configFiles(built);
    expect(files.get("cloud-inventory-service/aws_prod.spc")).toBe(
      'connection "aws_prod" {\n  plugin = "aws"\n  max_error_retry_attempts = 9\n  regions = ["eu-west-1","eu-central-1"]\n}\n',
    );
    const start = files.get("cloud-inventory-service/start.sh")!;
    expect(shSyntaxError(start)).toBe("");
    expect(start).toContain("steampipe plugin install 'aws@0.140.0'\n");
    expect(start).toContain("--database-port 9193\n");
  });
});
