/** A service with many settings: a few of them make a diff too long for one comment. */
export function bigService(n: number): string {
  const envs = Array.from({ length: 40 }, (_, i) => `    SETTING_${i}: "value-${n}-${i}"`).join(
    "\n",
  );
  return `name: api-${String(n).padStart(2, "0")}
version: v1
type: service
workspace: analytics
service:
  replicas: 1
  servicePort: 8080
  stack: container
  compute: runnable-default
  resources:
    requests: {cpu: 100m, memory: 128Mi}
    limits: {cpu: 200m, memory: 256Mi}
  envs:
${envs}
  stackSpec:
    image: ghcr.io/acme/api-${n}:1.0.${n}
`;
}
