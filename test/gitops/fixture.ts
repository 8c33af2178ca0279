/**
 * A generated platform repository: `workers` Workers per workspace on the built-in container
 * stack, plus one Service and one persistent Volume per workspace. Small enough to read,
 * large enough (with a big `workers`) to force a workspace to be split into sync units.
 */
export function platformFiles(
  workspaces: readonly string[],
  workers: number,
): Record<string, string> {
  const files: Record<string, string> = {};
  for (const ws of workspaces) {
    const docs = [service(ws), volume(ws)];
    for (let i = 0; i < workers; i++)
      docs.push(worker(ws, `consumer-${String(i).padStart(4, "0")}`));
    files[`resources/${ws}/resources.yaml`] = docs.join("---\n");
  }
  return files;
}

const IMAGE =
  "ghcr.io/acme/app@sha256:4a5c8f0e7b1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e";

const RESOURCES = `  resources:
    requests: {cpu: 100m, memory: 128Mi}
    limits: {cpu: 500m, memory: 256Mi}
`;

function worker(ws: string, name: string): string {
  return `name: ${name}
version: v1beta
type: worker
workspace: ${ws}
worker:
  replicas: 1
  stack: container
  compute: runnable-default
${RESOURCES}  stackSpec:
    image: ${IMAGE}
    command: [consume, --topic, ${name}]
`;
}

function service(ws: string): string {
  return `name: api
version: v1
type: service
workspace: ${ws}
service:
  replicas: 2
  servicePort: 8080
  ingress: {enabled: true, path: /${ws}/api, stripPath: true}
  stack: container
  compute: runnable-default
${RESOURCES}  persistentVolume: {name: state, directory: api}
  stackSpec:
    image: ${IMAGE}
    command: [serve]
`;
}

function volume(ws: string): string {
  return `name: state
version: v1beta
type: volume
workspace: ${ws}
volume: {size: 1Gi, accessMode: ReadWriteOnce, type: persistent}
`;
}
