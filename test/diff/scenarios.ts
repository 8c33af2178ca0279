import { bigService } from "../preview/big-service.js";
import { copyRepo, edit, exampleRepo, type TestRepo } from "./git-repo.js";

/**
 * One pull request, as two commits: `prepare` shapes the base (committed and tagged `base`),
 * `change` is the pull request (committed on top). Each has golden text and Markdown.
 */
export interface Scenario {
  name: string;
  repo(): Promise<TestRepo>;
  prepare?(repo: TestRepo): Promise<void>;
  change(repo: TestRepo): Promise<void>;
}

const ORDERS_STREAM = "resources/retail/orders-stream.yaml";
const ORDERS_API = "resources/analytics/orders-api.yaml";
const PYTHON_ETL = "resources/stacks/python-etl.yaml";

/** A worker on the python-etl stack, so a stack change has resources to fan out to. */
function etlWorker(n: number): string {
  return `name: events-${n}
version: v1beta
type: worker
workspace: retail
worker:
  replicas: 1
  stack: python-etl+python
  compute: runnable-default
  resources:
    requests: {cpu: 100m, memory: 128Mi}
    limits: {cpu: 200m, memory: 256Mi}
  stackSpec:
    inputs:
      - name: events
        dataset: dataos://landing:events/stream_${n}
    batchSize: ${10 * n}
`;
}

const NIGHTLY_REPORT = `name: nightly-report
version: v1
type: workflow
workspace: analytics
workflow:
  schedule:
    cron: "30 4 * * 1-5"
    timezone: Europe/Berlin
  dag:
    - name: build-report
      spec:
        stack: container:1.0
        compute: runnable-default
        resources:
          requests: {cpu: 100m, memory: 128Mi}
          limits: {cpu: 200m, memory: 256Mi}
        stackSpec:
          image: ghcr.io/acme/report-builder:0.9.2
`;

export const SCENARIOS: readonly Scenario[] = [
  {
    name: "service-port-change",
    repo: exampleRepo,
    change: (repo) => edit(repo, ORDERS_API, "servicePort: 8080", "servicePort: 9090"),
  },
  {
    name: "stack-template-fan-out",
    repo: exampleRepo,
    async prepare(repo) {
      for (const n of [1, 2, 3, 4, 5])
        await repo.write(`resources/retail/events-${n}.yaml`, etlWorker(n));
    },
    change: (repo) =>
      edit(repo, PYTHON_ETL, "tag: 3.12.7-slim-bookworm", "tag: 3.13.1-slim-bookworm"),
  },
  {
    name: "rename",
    repo: exampleRepo,
    change: (repo) =>
      edit(
        repo,
        "resources/retail/orders-stream.yaml",
        "name: orders-stream\n",
        "name: orders-events\n",
      ),
  },
  {
    name: "volume-deleted",
    repo: exampleRepo,
    async change(repo) {
      await edit(repo, "resources/retail/volumes.yaml", /\n---\n# Persistent state[\s\S]*$/, "\n");
      await edit(repo, ORDERS_API, /  persistentVolume:\n(    .*\n)+/, "");
      await edit(
        repo,
        "resources/analytics/backfill-2026.yaml",
        /        dataosVolumes:\n(          .*\n)+/,
        "",
      );
    },
  },
  {
    name: "secret-change",
    repo: () => copyRepo("test/fixtures/cases/secrets-sops-mode/repo"),
    async change(repo) {
      await edit(repo, "api-creds.enc.yaml", "data:Tr7oq1vqkA==", "data:Q2hhbmdlZFZhbHVlMTIzNA==");
      await edit(
        repo,
        "api-creds.enc.yaml",
        'lastmodified: "2026-11-01T10:00:00Z"',
        'lastmodified: "2026-12-01T10:00:00Z"',
      );
    },
  },
  {
    name: "new-workflow-schedule",
    repo: exampleRepo,
    change: (repo) => repo.write("resources/analytics/nightly-report.yaml", NIGHTLY_REPORT),
  },
  {
    name: "huge-diff",
    repo: exampleRepo,
    async change(repo) {
      for (let n = 1; n <= 10; n++)
        await repo.write(`resources/analytics/api-${n}.yaml`, bigService(n));
    },
  },
  {
    name: "no-op",
    repo: exampleRepo,
    change: async (repo) =>
      repo.write(ORDERS_API, `${await repo.read(ORDERS_API)}# Owned by the analytics team.\n`),
  },
  {
    name: "breaks-validation",
    repo: exampleRepo,
    change: (repo) =>
      edit(repo, PYTHON_ETL, `"required": ["inputs"],`, `"required": ["inputs", "batchSize"],`),
  },
  {
    name: "risky-workload",
    repo: exampleRepo,
    async change(repo) {
      // The prod cluster pins orders-api's replicas (stackyard.yaml), so scale the stream down.
      await edit(repo, ORDERS_STREAM, "replicas: 2", "replicas: 0");
      await edit(repo, ORDERS_STREAM, /  autoScaling:\n(    .*\n)+/, "");
      await edit(
        repo,
        ORDERS_API,
        "ghcr.io/acme/orders-api:3.1.0",
        "ghcr.io/acme/orders-api:latest",
      );
      // The author waives the pinned-image policy; the preview still flags the risk.
      await edit(
        repo,
        ORDERS_API,
        "workspace: analytics\n",
        'workspace: analytics\nannotations:\n  stackyard.dev/waive.images-pinned: "canary follows latest"\n',
      );
    },
  },
];
