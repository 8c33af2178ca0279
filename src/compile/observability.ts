import type { StackyardConfig } from "../config/types.js";
import type { K8sObject } from "../render/types.js";
import type { StackProbe, StackSpecDef } from "../validate/types.js";
import type { Container, Obj } from "./k8s-types.js";
import { objectMeta, selectorLabels, type Owner } from "./metadata.js";
import type { ServicePort } from "./service-ports.js";

const PROBE_FIELDS = {
  readiness: "readinessProbe",
  liveness: "livenessProbe",
  startup: "startupProbe",
} as const;

/**
 * The main container with the probes its stack declares, and a `metrics` port when the stack
 * declares a metrics port no other port already serves. What a containerResourceTemplate set
 * itself is kept: the template is the more specific author.
 */
export function withObservability(container: Container, stack: StackSpecDef): Container {
  const out: Container = { ...container };
  for (const [kind, field] of Object.entries(PROBE_FIELDS)) {
    const probe = stack.probes?.[kind as keyof typeof PROBE_FIELDS];
    if (probe !== undefined && out[field] === undefined) out[field] = probeOf(probe, stack);
  }
  if (stack.metrics !== undefined && metricsPortName(out, stack.metrics.port) === undefined) {
    const ports = Array.isArray(out.ports) ? (out.ports as Obj[]) : [];
    out.ports = [...ports, { containerPort: stack.metrics.port, name: "metrics", protocol: "TCP" }];
  }
  return out;
}

/** The name of the container port that serves `port`, if any. */
export function metricsPortName(container: Container, port: number): string | undefined {
  const ports = Array.isArray(container.ports) ? (container.ports as Obj[]) : [];
  const found = ports.find((p) => p.containerPort === port);
  return found === undefined ? undefined : String(found.name ?? port);
}

/** A Kubernetes probe from a stack's: HTTP when it names a path, a command when it has one, else TCP. */
function probeOf(probe: StackProbe, stack: StackSpecDef): Obj {
  const port = probe.port ?? stack.metrics?.port ?? stack.ports?.targetPort ?? "http";
  const handler: Obj =
    probe.command !== undefined
      ? { exec: { command: probe.command } }
      : probe.path !== undefined
        ? { httpGet: { path: probe.path, port } }
        : { tcpSocket: { port } };
  const timings: Obj = {};
  for (const key of [
    "initialDelaySeconds",
    "periodSeconds",
    "timeoutSeconds",
    "failureThreshold",
  ] as const) {
    if (probe[key] !== undefined) timings[key] = probe[key];
  }
  return { ...handler, ...timings };
}

/** The Service also exposes the metrics port when a ServiceMonitor is to scrape it. */
export function withMetricsServicePort(
  ports: readonly ServicePort[],
  stack: StackSpecDef,
  config: StackyardConfig,
): ServicePort[] {
  const metrics = stack.metrics;
  if (metrics === undefined || config.observability.monitor !== "service-monitor")
    return [...ports];
  if (ports.some((p) => p.targetPort === metrics.port)) return [...ports];
  const name = ports.some((p) => p.name === "metrics") ? `port-${metrics.port}` : "metrics";
  return [...ports, { name, port: metrics.port, targetPort: metrics.port }];
}

/**
 * How Prometheus finds a runnable's metrics: a PodMonitor, a ServiceMonitor (for a runnable
 * with a Service; a Worker falls back to a PodMonitor), or `prometheus.io/*` annotations on the
 * pod template for clusters without the Prometheus Operator.
 */
export function monitorObjects(
  owner: Owner,
  name: string,
  namespace: string,
  container: Container,
  stack: StackSpecDef,
  config: StackyardConfig,
  service: { portName: string } | undefined,
): K8sObject[] {
  const metrics = stack.metrics;
  const mode = config.observability.monitor;
  if (metrics === undefined || mode === "none" || mode === "annotations") return [];
  const selector = { matchLabels: selectorLabels(owner) };
  if (mode === "service-monitor" && service !== undefined) {
    const spec = { endpoints: [{ path: metrics.path, port: service.portName }], selector };
    return [
      {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "ServiceMonitor",
        metadata: objectMeta(owner, name, namespace),
        spec,
      },
    ];
  }
  const port = metricsPortName(container, metrics.port) ?? "metrics";
  const spec = { podMetricsEndpoints: [{ path: metrics.path, port }], selector };
  return [
    {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PodMonitor",
      metadata: objectMeta(owner, name, namespace),
      spec,
    },
  ];
}

/** `prometheus.io/scrape|port|path` for the pod template, in annotations mode. */
export function scrapeAnnotations(
  stack: StackSpecDef,
  config: StackyardConfig,
): Record<string, string> {
  const metrics = stack.metrics;
  if (metrics === undefined || config.observability.monitor !== "annotations") return {};
  return {
    "prometheus.io/path": metrics.path,
    "prometheus.io/port": String(metrics.port),
    "prometheus.io/scrape": "true",
  };
}
