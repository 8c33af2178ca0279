// Writes a synthetic platform repository: a realistic mix of Services, Workers and multi-job
// Workflows over the built-in container and bento stacks and a custom python-etl stack with
// templates, plus computes, depots and their instance secrets. Deterministic for a given size.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const EXAMPLE = path.resolve(import.meta.dirname, "../../resources");
const WORKSPACES = 20;

/**
 * The repository's stackyard.yaml: the example platform's settings, with stamped names: every
 * workflow's first job is `ingest`, and its ConfigMap (`ingest-workflow<stamp>`) needs the
 * stamp to differ from the other workflows' of the workspace.
 */
const CONFIG = `roots: [stacks, platform, resources]
outDir: out
defaultWorkspace: public
stamp: hash
secrets:
  mode: external-secrets
  externalSecrets:
    storeName: platform-vault
    storeKind: ClusterSecretStore
    refreshInterval: 1h
ingress:
  flavor: ingress
  className: nginx
  host: data.example.internal
platform:
  fqdn: data.example.internal
  logLevel: INFO
`;

const RESOURCES_BLOCK = (indent, cpu) =>
  `${indent}resources:\n${indent}  requests: {cpu: ${cpu}m, memory: 256Mi}\n${indent}  limits: {cpu: ${cpu * 2}m, memory: 512Mi}\n`;

function containerService(name, ws, i) {
  return `# Service ${i}: an HTTP API on the container stack.
name: ${name}
version: v1
type: service
tags: [api, team:${ws}]
description: Synthetic API number ${i}
workspace: ${ws}
service:
  replicas: ${1 + (i % 3)}
  servicePort: 8080
  ingress: {enabled: ${i % 2 === 0}, path: /${ws}/${name}, stripPath: true}
  stack: container
  compute: runnable-default
  envs:
    PORT: 8080
    LOG_FORMAT: json
${RESOURCES_BLOCK("  ", 100 + (i % 5) * 50)}  stackSpec:
    image: ghcr.io/acme/${name}:1.${i % 10}.${i % 7}
    command: [server]
    arguments: [--port, "8080"]
`;
}

function bentoService(name, ws, i) {
  return `# Service ${i}: HTTP intake on Bento.
name: ${name}
version: v1
type: service
workspace: ${ws}
description: Receives events over HTTP (${i})
service:
  servicePort: 8099
  ingress: {enabled: true, path: /${ws}/${name}, stripPath: true}
  stack: bento:3.0
  compute: runnable-default
  logLevel: INFO
  stackSpec:
    input:
      http_server:
        address: 0.0.0.0:8099
        path: /events
        allowed_verbs: [POST]
    pipeline:
      processors:
        - mapping: |
            root = this
            root.source = "${name}"
    output:
      stdout: {}
`;
}

function etlWorker(name, ws, i) {
  return `# Worker ${i}: streams a dataset into the lakehouse with the python-etl stack.
name: ${name}
version: v1beta
type: worker
tags: [streaming, team:${ws}]
description: Streams table_${i}
workspace: ${ws}
worker:
  replicas: 2
  autoScaling: {enabled: true, minReplicas: 2, maxReplicas: 4, targetCPUUtilizationPercentage: 75}
  stack: python-etl+python
  compute: runnable-etl
  logLevel: info
${RESOURCES_BLOCK("  ", 200)}  stackSpec:
    inputs:
      - name: events
        dataset: dataos://landing:events/table_${i}
        format: json
    outputs:
      - name: sink
        dataset: dataos://lakehouse:${ws}/table_${i}?acl=rw
        mode: append
    batchSize: ${100 + (i % 400)}
`;
}

function containerWorker(name, ws, i) {
  return `# Worker ${i}: a queue consumer on the container stack.
name: ${name}
version: v1beta
type: worker
workspace: ${ws}
worker:
  replicas: 1
  stack: container
  compute: runnable-default
  envs: {QUEUE: ${name}}
${RESOURCES_BLOCK("  ", 100)}  stackSpec:
    image: ghcr.io/acme/consumer:2.${i % 10}.0
    arguments: [--queue, ${name}]
`;
}

function workflow(name, ws, i) {
  return `# Workflow ${i}: ingest, check and publish, every night.
name: ${name}
version: v1
type: workflow
tags: [batch, team:${ws}]
description: Nightly pipeline ${i}
workspace: ${ws}
workflow:
  schedule:
    cron: "${i % 60} ${i % 24} * * *"
    concurrencyPolicy: Forbid
  dag:
    - name: ingest
      spec:
        stack: python-etl+python:1.0
        compute: runnable-etl
${RESOURCES_BLOCK("        ", 500)}        stackSpec:
          inputs:
            - name: raw
              dataset: dataos://landing:sales/day_${i}
              format: csv
          transform: SELECT * FROM raw WHERE id IS NOT NULL
          outputs:
            - name: clean
              dataset: dataos://lakehouse:${ws}/day_${i}?acl=rw
              mode: overwrite
      retry: {count: 2, strategy: OnFailure}
    - name: check
      spec:
        stack: container
        compute: runnable-default
        envs: {MIN_ROWS: ${i % 1000}}
        stackSpec:
          image: ghcr.io/acme/checks:2.4.1
          arguments: [--table, ${ws}.day_${i}]
      dependencies: [ingest]
    - name: publish
      spec:
        stack: container:1.0
        compute: runnable-default
        stackSpec:
          image: ghcr.io/acme/publish:1.3.0
          arguments: [--date, "{{workflow.scheduledTime}}"]
      dependencies: [check]
`;
}

/** The kind of the i-th resource: 40% services, 30% workers, 30% three-job workflows. */
export function resourceKind(i) {
  const slot = i % 10;
  if (slot < 4) return i % 5 === 0 ? "bento-service" : "service";
  if (slot < 7) return slot === 6 ? "container-worker" : "etl-worker";
  return "workflow";
}

const WRITERS = {
  service: containerService,
  "bento-service": bentoService,
  "etl-worker": etlWorker,
  "container-worker": containerWorker,
  workflow,
};

/** Repository-relative path of the i-th resource file. */
export function resourcePath(i) {
  const kind = resourceKind(i);
  return `resources/team-${String(i % WORKSPACES).padStart(2, "0")}/${kind}-${String(i).padStart(5, "0")}.yaml`;
}

/** The text of the i-th resource; `variant` changes its image or batch size (rebuild benches). */
export function resourceText(i, variant = 0) {
  const kind = resourceKind(i);
  const ws = `team-${String(i % WORKSPACES).padStart(2, "0")}`;
  const name = `${kind.replace(/-.*/, "")}-${String(i).padStart(5, "0")}`;
  const text = WRITERS[kind](name, ws, i);
  return variant === 0
    ? text
    : text.replace(/description: (.*)/, `description: $1 (variant ${variant})`);
}

/** The init container of the example stack, given requests and limits (the policy wants them). */
const INIT_CHECK = /^( +)command: \["python3", "-m", "etl", "--check".*$/m;

/** The custom stack's text; `variant` changes an environment variable every container gets. */
export function stackText(variant = 0) {
  const text = readFileSync(path.join(EXAMPLE, "stacks/python-etl.yaml"), "utf8");
  const sized = /--check[^\n]*\n +resources:/.test(text)
    ? text
    : text.replace(
        INIT_CHECK,
        (line, indent) =>
          `${line}\n${indent}resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {cpu: 100m, memory: 128Mi}}`,
      );
  return sized.replace(
    'PYTHONUNBUFFERED: "1"',
    `PYTHONUNBUFFERED: "1"\n    ETL_VARIANT: "${variant}"`,
  );
}

/** Writes a repository of `count` resources into `dir`; returns its input file paths. */
export function generateRepo(dir, count) {
  const files = [];
  const write = (rel, text) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
    files.push(rel);
  };
  writeFileSync(path.join(dir, "stackyard.yaml"), CONFIG);
  write("stacks/python-etl.yaml", stackText());
  for (const f of ["computes.yaml", "depots.yaml", "secrets.yaml"]) {
    mkdirSync(path.join(dir, "platform"), { recursive: true });
    copyFileSync(path.join(EXAMPLE, "platform", f), path.join(dir, "platform", f));
    files.push(`platform/${f}`);
  }
  for (let i = 0; i < count; i++) write(resourcePath(i), resourceText(i));
  return files;
}
