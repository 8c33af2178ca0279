import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { platformFiles } from "./fixture.js";
import { compileDir, exampleConfig, tempRepo, type TempRepo } from "./helpers.js";

let repo: TempRepo | undefined;
afterEach(async () => repo?.dispose());

/** An Argo CD cluster `prod` with the given overrides, and a plain Flux cluster `dev`. */
function clusters(overrides: string, extra = ""): string {
  return exampleConfig(`clusters:
  - name: prod
    engine: argocd
    repoURL: https://github.com/acme/platform.git
${extra}    overrides:
${overrides}
  - name: dev
    engine: flux
    repoURL: https://github.com/acme/platform.git
`);
}

async function build(config: string) {
  repo = await tempRepo(config, platformFiles(["retail"], 1));
  const result = await compileDir(repo.dir);
  const object = (path: string) =>
    parse(result.files.find((f) => f.path === path)!.content) as Record<string, any>;
  return { ...result, object, config };
}

describe("cluster overrides", () => {
  it("change the matched resource on their cluster only", async () => {
    const r = await build(
      clusters(`      - match: {type: worker, workspace: retail, name: consumer-*}
        set:
          worker.replicas: 3
          worker.stackSpec.image: mirror.eu.example.com/acme/app:1.0.0`),
    );
    expect(r.errors).toBe("");
    const prod = r.object("prod/retail/worker-consumer-0000/deployment-consumer-0000-d.yaml");
    const dev = r.object("dev/retail/worker-consumer-0000/deployment-consumer-0000-d.yaml");
    expect(prod.spec.replicas).toBe(3);
    expect(prod.spec.template.spec.containers[0].image).toBe(
      "mirror.eu.example.com/acme/app:1.0.0",
    );
    expect(dev.spec.replicas).toBe(1);
    expect(dev.spec.template.spec.containers[0].image).toMatch(/^ghcr\.io\/acme\/app@sha256:/);
  });

  it("set a per-cluster ingress host", async () => {
    const r = await build(
      clusters("      []", "    ingress: {host: retail.eu.example.com}\n").replace(
        "    overrides:\n      []\n",
        "",
      ),
    );
    expect(r.errors).toBe("");
    expect(r.object("prod/retail/service-api/ingress-api.yaml").spec.rules[0].host).toBe(
      "retail.eu.example.com",
    );
    expect(r.object("dev/retail/service-api/ingress-api.yaml").spec.rules[0].host).toBeUndefined();
  });

  it("that break the resource's schema are errors at the override, noting the resource", async () => {
    const r = await build(
      clusters(`      - match: {name: consumer-0000}
        set:
          worker.replicas: many`),
    );
    const error = r.diagnostics.find((d) => d.severity === "error")!;
    expect(error.code).toBe("WRONG_TYPE");
    expect(error.file).toBe("stackyard.yaml");
    expect(r.config.slice(error.range!.start, error.range!.end)).toBe("many");
    expect(error.related?.at(-1)).toMatchObject({
      file: "resources/retail/resources.yaml",
      message: "worker consumer-0000, as overridden for cluster prod",
    });
    expect(r.files).toEqual([]);
  });

  it("that break a stack's stackSpec schema are errors at the nested value", async () => {
    const r = await build(
      clusters(`      - match: {name: consumer-0000}
        set:
          worker.stackSpec: {image: "", command: [run]}`),
    );
    const error = r.diagnostics.find((d) => d.severity === "error")!;
    expect(error.code).toBe("STACKSPEC_INVALID");
    expect(error.file).toBe("stackyard.yaml");
    expect(r.config.slice(error.range!.start, error.range!.end)).toBe('""');
  });

  it("that add an unknown field are errors at the field's key", async () => {
    const r = await build(
      clusters(`      - match: {name: consumer-0000}
        set:
          worker.replicaz: 2`),
    );
    const error = r.diagnostics.find((d) => d.severity === "error")!;
    expect(error.code).toBe("UNKNOWN_FIELD");
    expect(error.file).toBe("stackyard.yaml");
    expect(r.config.slice(error.range!.start, error.range!.end)).toBe("worker.replicaz");
  });

  it("that match nothing are warned about", async () => {
    const r = await build(
      clusters(`      - match: {type: worker, name: consumer-9999}
        set:
          worker.replicas: 2`),
    );
    expect(r.errors).toBe("");
    const warning = r.diagnostics.find((d) => d.code === "CONFIG_INVALID")!;
    expect(warning).toMatchObject({
      severity: "warning",
      file: "stackyard.yaml",
      message: "an override of cluster prod matches no resource (type worker, name consumer-9999)",
    });
  });

  it("that index past a list are errors at the override", async () => {
    const r = await build(
      clusters(`      - match: {name: consumer-0000}
        set:
          worker.stackSpec.command.5: x`),
    );
    const error = r.diagnostics.find((d) => d.severity === "error")!;
    expect(error).toMatchObject({ code: "CONFIG_INVALID", file: "stackyard.yaml" });
    expect(error.message).toBe(
      "cannot set worker.stackSpec.command.5 in worker consumer-0000: worker.stackSpec.command is a list of 3 item(s); use an index up to 3",
    );
  });
});
