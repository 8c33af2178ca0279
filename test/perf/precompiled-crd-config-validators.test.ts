import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import fc from "fast-check";
import fg from "fast-glob";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CRD_AJV_OPTIONS, CRD_SCHEMAS } from "../../src/check/k8s/crd-schemas.js";
import { crdValidatorsSource } from "../../src/check/k8s/precompile-crd-validators.js";
import { configValidatorSource } from "../../src/config/precompile-config-validator.js";
import { CONFIG_SCHEMA } from "../../src/config/schema.js";
import { CONFIG_AJV_OPTIONS } from "../../src/config/validate-config.js";
import { mutate, mutationEdits } from "./mutate-document.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** A generated module, evaluated the way CommonJS would load it. */
function load<T>(source: string): T {
  const module = { exports: {} as T };
  new Function("module", "exports", "require", source)(
    module,
    module.exports,
    createRequire(import.meta.url),
  );
  return module.exports;
}

/** Runs two validators over a value; their outcomes must be equal, error objects included. */
function outcomes(a: ValidateFunction, b: ValidateFunction, value: unknown) {
  const run = (v: ValidateFunction) => ({ valid: v(value), errors: v.errors ?? null });
  return [run(a), run(b)] as const;
}

/** One valid object per hand-written CRD schema, the seeds the property test mutates. */
const CRD_SEEDS: Record<string, Record<string, unknown>> = {
  "external-secrets.io/v1beta1/ExternalSecret": {
    apiVersion: "external-secrets.io/v1beta1",
    kind: "ExternalSecret",
    metadata: { name: "db", namespace: "retail", labels: { app: "db" } },
    spec: {
      refreshInterval: "1h",
      secretStoreRef: { name: "vault", kind: "ClusterSecretStore" },
      target: { name: "db", creationPolicy: "Owner" },
      data: [{ secretKey: "password", remoteRef: { key: "db", property: "password" } }],
    },
  },
  "gateway.networking.k8s.io/v1/HTTPRoute": {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: "web", namespace: "retail" },
    spec: {
      hostnames: ["web.example.com"],
      parentRefs: [{ name: "gateway", namespace: "infra" }],
      rules: [
        {
          matches: [{ path: { type: "PathPrefix", value: "/api" } }],
          backendRefs: [{ name: "web", port: 80 }],
        },
      ],
    },
  },
  "monitoring.coreos.com/v1/PodMonitor": {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PodMonitor",
    metadata: { name: "web", namespace: "retail" },
    spec: {
      selector: { matchLabels: { app: "web" } },
      podMetricsEndpoints: [{ port: "metrics", path: "/metrics" }],
    },
  },
  "monitoring.coreos.com/v1/ServiceMonitor": {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "ServiceMonitor",
    metadata: { name: "web", namespace: "retail" },
    spec: {
      selector: { matchLabels: { app: "web" } },
      endpoints: [{ port: "metrics", interval: "30s" }],
    },
  },
};

describe("precompiled CRD validators", () => {
  const precompiled = load<{ STANDALONE_CRD_VALIDATORS: Map<string, ValidateFunction> }>(
    crdValidatorsSource("cjs"),
  ).STANDALONE_CRD_VALIDATORS;
  const ajv = new Ajv(CRD_AJV_OPTIONS);
  const runtime = new Map(Object.entries(CRD_SCHEMAS).map(([k, s]) => [k, ajv.compile(s)]));
  const keys = Object.keys(CRD_SCHEMAS).sort();

  it("cover every hand-written CRD schema, and the seeds cover them too", () => {
    expect([...precompiled.keys()].sort()).toEqual(keys);
    expect(Object.keys(CRD_SEEDS).sort()).toEqual(keys);
  });

  it("accept the seeds as the run-time validators do", () => {
    for (const key of keys) {
      const [a, b] = outcomes(precompiled.get(key)!, runtime.get(key)!, CRD_SEEDS[key]);
      expect(a).toEqual(b);
      expect(a.valid, `${key}: ${JSON.stringify(a.errors)}`).toBe(true);
    }
  });

  it("report errors identical to the run-time validators", () => {
    fc.assert(
      fc.property(fc.constantFrom(...keys), mutationEdits, (key, edits) => {
        const doc = structuredClone(CRD_SEEDS[key]!);
        for (const [pick, value, newKey] of edits) mutate(doc, pick, value, newKey);
        const [a, b] = outcomes(precompiled.get(key)!, runtime.get(key)!, doc);
        expect(a).toEqual(b);
      }),
      { numRuns: 400 },
    );
  });
});

describe("precompiled stackyard.yaml validator", () => {
  const precompiled = load<{ STANDALONE_CONFIG_VALIDATOR: ValidateFunction }>(
    configValidatorSource("cjs"),
  ).STANDALONE_CONFIG_VALIDATOR;
  const runtime = new Ajv(CONFIG_AJV_OPTIONS).compile(CONFIG_SCHEMA);
  // The example repository's config and every fixture's, valid and invalid ones alike.
  const configs = fg
    .sync(["stackyard.yaml", "test/fixtures/cases/*/repo/stackyard.yaml"], { cwd: ROOT })
    .sort()
    .map((file) => parse(readFileSync(path.join(ROOT, file), "utf8")) as Record<string, unknown>);

  it("agrees with the run-time validator on every fixture's config", () => {
    expect(configs.length).toBeGreaterThan(5);
    let valid = 0;
    for (const config of configs) {
      const [a, b] = outcomes(precompiled, runtime, config);
      expect(a).toEqual(b);
      if (a.valid) valid += 1;
    }
    expect(valid).toBeGreaterThan(3);
    expect(valid).toBeLessThan(configs.length); // config-invalid is among them
  });

  it("reports errors identical to the run-time validator", () => {
    fc.assert(
      fc.property(fc.nat(configs.length - 1), mutationEdits, (index, edits) => {
        const doc = structuredClone(configs[index]!);
        for (const [pick, value, newKey] of edits) mutate(doc, pick, value, newKey);
        const [a, b] = outcomes(precompiled, runtime, doc);
        expect(a).toEqual(b);
      }),
      { numRuns: 400 },
    );
  });
});
