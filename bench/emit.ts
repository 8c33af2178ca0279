/**
 * Benchmarks the emit stage on a synthetic platform: 10,000 resources → 30,000 objects
 * (Deployment, Service, ConfigMap). Measures the YAML emitter against `yaml` and `js-yaml`,
 * layout planning, and the writer (cold, no-op, one change), plus hard-link vs copy for the
 * files a rebuild keeps. Run with:
 *   npx esbuild bench/emit.ts --bundle --platform=node --format=esm --packages=external \
 *     --outfile=node_modules/.cache/stackyard-bench/emit.mjs \
 *     && BENCH_DIR=/dev/shm node node_modules/.cache/stackyard-bench/emit.mjs [resources]
 * BENCH_DIR picks the file system for the writer runs (tmpfs isolates the code from the disk).
 */
import { copyFile, link, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { dump } from "js-yaml";
import YAML from "yaml";
import { mapLimit } from "../src/emit/fs/map-limit.js";
import { planOutput } from "../src/emit/layout/plan-output.js";
import type { EmitObject, K8sObject } from "../src/emit/types.js";
import { writeOutput } from "../src/emit/write-output.js";
import { emitYaml } from "../src/yaml/emit-yaml.js";

const RESOURCES = Number(process.argv[2] ?? 10_000);
const OPTIONS = { compilerVersion: "bench" };

function labels(name: string): Record<string, string> {
  return {
    "app.kubernetes.io/name": name,
    "app.kubernetes.io/instance": `${name}-public`,
    "app.kubernetes.io/component": "service",
    "app.kubernetes.io/managed-by": "stackyard",
    "app.kubernetes.io/part-of": "platform",
  };
}

function objectsOf(i: number): K8sObject[] {
  const name = `svc-${i}`;
  const metadata = {
    name,
    namespace: "public",
    labels: labels(name),
    annotations: {
      "stackyard.dev/resource-id": `service:v1:${name}:public`,
      "stackyard.dev/stack": "container:1.0",
      "stackyard.dev/source": `resources/${name}.yaml:1`,
    },
  };
  const deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { ...metadata, name: `${name}-d` },
    spec: {
      replicas: 2,
      selector: { matchLabels: { "app.kubernetes.io/instance": `${name}-public` } },
      template: {
        metadata: { labels: labels(name) },
        spec: {
          serviceAccountName: name,
          securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
          containers: [
            {
              name: `${name}-main`,
              image: "ghcr.io/example/app:1.25.3",
              args: ["--port", "8080", "--verbose", "yes"],
              env: [
                { name: "DATAOS_RUN_AS_USER", value: "on" },
                { name: "SCHEDULE", value: "*/5 * * * *" },
                { name: "RETRIES", value: "3" },
                { name: "RATIO", value: "0.75" },
              ],
              ports: [{ containerPort: 8080, name: "http", protocol: "TCP" }],
              resources: {
                requests: { cpu: "100m", memory: "128Mi" },
                limits: { cpu: "500m", memory: "512Mi" },
              },
              readinessProbe: { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 10 },
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { drop: ["ALL"] },
                readOnlyRootFilesystem: true,
              },
              volumeMounts: [{ name: "config", mountPath: "/etc/dataos/config" }],
            },
          ],
          volumes: [{ name: "config", configMap: { name: `${name}-service` } }],
        },
      },
    },
  };
  const service = {
    apiVersion: "v1",
    kind: "Service",
    metadata,
    spec: {
      selector: { "app.kubernetes.io/instance": `${name}-public` },
      ports: [{ name: "http", port: 80, targetPort: 8080 }],
    },
  };
  const configMap = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { ...metadata, name: `${name}-service` },
    data: { "config.yaml": `server:\n  port: 8080\n  name: ${name}\nlogging:\n  level: info\n` },
  };
  return [deployment, service, configMap];
}

function emitObjects(): EmitObject[] {
  const all: EmitObject[] = [];
  for (let i = 0; i < RESOURCES; i++) {
    for (const object of objectsOf(i)) {
      const source = { resourceId: `service:v1:svc-${i}:public`, file: `r/${i}.yaml`, line: 1 };
      all.push({
        cluster: "default",
        workspace: "public",
        unit: `service-svc-${i}`,
        object,
        source,
      });
    }
  }
  return all;
}

async function time<T>(label: string, fn: () => Promise<T> | T, runs = 3): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)] ?? 0;
  console.log(`${label.padEnd(44)} ${median.toFixed(0).padStart(7)} ms`);
  return median;
}

async function main(): Promise<void> {
  const objects = emitObjects();
  const plain = objects.map((o) => o.object);
  console.log(`${RESOURCES} resources, ${plain.length} objects, node ${process.version}`);
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  const ours = await time("emitYaml", () => plain.map(emitYaml), 5);
  const yamlLib = await time("yaml.stringify (sortMapEntries)", () =>
    plain.map((o) => YAML.stringify(o, { sortMapEntries: true, lineWidth: 0 })),
  );
  const jsYaml = await time("js-yaml dump (sortKeys)", () =>
    plain.map((o) => dump(o, { sortKeys: true, lineWidth: -1 })),
  );
  console.log(`  yaml.stringify / emitYaml = ${(yamlLib / ours).toFixed(1)}x`);
  console.log(`  js-yaml dump / emitYaml   = ${(jsYaml / ours).toFixed(1)}x`);

  const plan = planOutput(objects);
  await time("planOutput (emit + kustomizations)", () => planOutput(objects));
  const base = process.env["BENCH_DIR"] ?? os.tmpdir();
  const root = await mkdtemp(path.join(base, "stackyard-emit-bench-"));
  const out = path.join(root, "out");
  try {
    await time("writeOutput cold", async () => {
      await rm(out, { recursive: true, force: true });
      await writeOutput(out, plan.files, OPTIONS);
    });
    await time("writeOutput no-op", () => writeOutput(out, plan.files, OPTIONS));
    const changed = plan.files.map((f, i) =>
      i === 7 ? { ...f, content: `${f.content}# ${Date.now()}\n` } : f,
    );
    await time("writeOutput one file changed", async () => {
      await writeOutput(out, changed, OPTIONS);
      await writeOutput(out, plan.files, OPTIONS);
    }).then((ms) => console.log(`  (one change ≈ ${(ms / 2).toFixed(0)} ms per write)`));
    await linkVersusCopy(
      root,
      plan.files.map((f) => f.path),
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Keeping a file in the staged tree: hard link vs copy, over the same set of files. */
async function linkVersusCopy(root: string, paths: string[]): Promise<void> {
  const source = path.join(root, "out");
  const folders = [...new Set(paths.map((p) => path.dirname(p)))];
  for (const [label, keep] of [
    ["keep via hard link", link],
    ["keep via copyFile", copyFile],
  ] as const) {
    await time(label, async () => {
      const target = path.join(root, "keep");
      await rm(target, { recursive: true, force: true });
      await Promise.all(folders.map((f) => mkdir(path.join(target, f), { recursive: true })));
      await mapLimit(paths, 32, (p) => keep(path.join(source, p), path.join(target, p)));
    });
  }
}

await main();
