// The repository bench/gitops.mjs builds: `count` resources spread over 20 workspaces — per
// workspace one persistent Volume, Services (Deployment, Service, Ingress, PDB, ServiceAccount)
// and Workers (Deployment, ServiceAccount) on the built-in container stack. Deterministic.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const WORKSPACES = 20;
const IMAGE =
  "ghcr.io/acme/app@sha256:4a5c8f0e7b1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e";
const RESOURCES =
  "  resources:\n    requests: {cpu: 100m, memory: 128Mi}\n    limits: {cpu: 500m, memory: 256Mi}\n";

/** Writes stackyard.yaml (one cluster synced by `engine`) and `count` resources into `dir`. */
export function generateGitopsRepo(dir, count, engine) {
  writeFileSync(
    path.join(dir, "stackyard.yaml"),
    `roots: [resources]\nplatform:\n  fqdn: data.example.internal\nclusters:\n  - name: bench\n    engine: ${engine}\n    repoURL: https://github.com/acme/platform.git\n`,
  );
  const byWorkspace = new Map();
  for (let i = 0; i < count; i++) {
    const ws = `team-${String(i % WORKSPACES).padStart(2, "0")}`;
    const n = Math.floor(i / WORKSPACES);
    const text =
      n === 0 ? volume(ws) : n % 10 === 1 ? service(ws, `api-${n}`) : worker(ws, `worker-${n}`);
    byWorkspace.set(ws, [...(byWorkspace.get(ws) ?? []), text]);
  }
  for (const [ws, docs] of byWorkspace) {
    mkdirSync(path.join(dir, "resources", ws), { recursive: true });
    writeFileSync(path.join(dir, "resources", ws, "resources.yaml"), docs.join("---\n"));
  }
}

function worker(ws, name) {
  return `name: ${name}\nversion: v1beta\ntype: worker\nworkspace: ${ws}\nworker:\n  replicas: 1\n  stack: container\n  compute: runnable-default\n${RESOURCES}  stackSpec:\n    image: ${IMAGE}\n    command: [consume, --topic, ${name}]\n`;
}

function service(ws, name) {
  return `name: ${name}\nversion: v1\ntype: service\nworkspace: ${ws}\nservice:\n  replicas: 2\n  servicePort: 8080\n  ingress: {enabled: true, path: /${ws}/${name}, stripPath: true}\n  stack: container\n  compute: runnable-default\n${RESOURCES}  persistentVolume: {name: state, directory: ${name}}\n  stackSpec:\n    image: ${IMAGE}\n    command: [serve]\n`;
}

function volume(ws) {
  return `name: state\nversion: v1beta\ntype: volume\nworkspace: ${ws}\nvolume: {size: 1Gi, accessMode: ReadWriteOnce, type: persistent}\n`;
}
