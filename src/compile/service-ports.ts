import type { ServiceSpec, StackResource } from "../validate/types.js";
import type { Obj } from "./k8s-types.js";

/** One port of a Service: the name, the Service port and the container port behind it. */
export interface ServicePort {
  name: string;
  port: number;
  targetPort: number;
}

/** An IANA service name: what Kubernetes accepts as a port name. */
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/;

/**
 * The ports of a Service: `servicePort` (named and targeted by the stack's `ports` when it
 * declares them; the stack's own port when the resource sets none), then each `servicePorts`
 * entry. A port number is listed once; a name Kubernetes would refuse becomes `port-<number>`.
 */
export function servicePorts(spec: ServiceSpec, stack: StackResource): ServicePort[] {
  const declared = stack.spec.ports;
  const ports: ServicePort[] = [];
  const main = spec.servicePort ?? declared?.servicePort;
  if (main !== undefined) {
    ports.push({
      name: declared?.name ?? "http",
      port: main,
      targetPort: declared?.targetPort ?? main,
    });
  }
  for (const p of spec.servicePorts) {
    ports.push({ name: p.name, port: p.servicePort, targetPort: p.targetPort ?? p.servicePort });
  }
  const seenPorts = new Set<number>();
  const seenNames = new Set<string>();
  return ports.flatMap((p) => {
    if (seenPorts.has(p.port)) return [];
    seenPorts.add(p.port);
    const name = PORT_NAME.test(p.name) && !seenNames.has(p.name) ? p.name : `port-${p.port}`;
    seenNames.add(name);
    return [{ ...p, name }];
  });
}

/** The container ports behind Service ports, one per target port. */
export function containerPorts(ports: readonly ServicePort[]): Obj[] {
  const seen = new Set<number>();
  return ports.flatMap((p) => {
    if (seen.has(p.targetPort)) return [];
    seen.add(p.targetPort);
    return [{ containerPort: p.targetPort, name: p.name, protocol: "TCP" }];
  });
}
