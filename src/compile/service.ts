import { diag } from "../diagnostics/diagnostic.js";
import type { K8sObject, RenderedRunnable } from "../render/types.js";
import type { ServiceResource } from "../validate/types.js";
import type { CompileContext } from "./context.js";
import { ingressObjects } from "./ingress.js";
import { objectMeta, selectorLabels, type Owner } from "./metadata.js";
import { instanceName } from "./names.js";
import { ownerOf, placed } from "./objects.js";
import { withMetricsServicePort } from "./observability.js";
import { locationOf } from "./positions.js";
import { containerPorts, servicePorts, type ServicePort } from "./service-ports.js";
import type { OrchestratorModule } from "./types.js";
import { workloadObjects } from "./workload.js";

/** Service → Deployment, Service, Ingress or HTTPRoute, HPA, PDB, ConfigMap, ServiceAccount. */
export const serviceOrchestrator: OrchestratorModule = {
  summary: "Deployment, Service, Ingress or HTTPRoute, HPA, PDB, ConfigMap and ServiceAccount",
  compile(resource, runnables, ctx) {
    const r = runnables[0];
    if (r === undefined) return [];
    const spec = (resource as ServiceResource).spec;
    const owner = ownerOf([r], ctx.config);
    const ports = withMetricsServicePort(servicePorts(spec, r.stack), r.stack.spec, ctx.config);
    const metricsPort = ports.find((p) => p.targetPort === r.stack.spec.metrics?.port);
    const objects = workloadObjects(
      r,
      owner,
      {
        autoScaling: spec.autoScaling,
        containerPorts: containerPorts(ports),
        replicas: spec.replicas,
        ...(metricsPort === undefined ? {} : { metricsService: { portName: metricsPort.name } }),
      },
      ctx,
    );
    if (ports.length > 0) objects.push(serviceObject(r, owner, ports));
    if (spec.ingress?.enabled === true) objects.push(...exposed(r, owner, ports, ctx));
    return placed(owner, objects);
  },
};

function serviceObject(
  r: RenderedRunnable,
  owner: Owner,
  ports: readonly ServicePort[],
): K8sObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: objectMeta(owner, instanceName(r.name, r.stamp), r.workspace),
    spec: {
      ports: ports.map((p) => ({
        name: p.name,
        port: p.port,
        protocol: "TCP",
        targetPort: p.targetPort,
      })),
      selector: selectorLabels(owner),
      type: "ClusterIP",
    },
  };
}

function exposed(
  r: RenderedRunnable,
  owner: Owner,
  ports: readonly ServicePort[],
  ctx: CompileContext,
): K8sObject[] {
  const ingress = (r.resource as ServiceResource).spec.ingress!;
  const port = ports[0];
  if (port === undefined) {
    ctx.diagnostics.push(
      diag(
        "MISSING_FIELD",
        "`ingress` is enabled but the service has no port to route to",
        locationOf(r.specOrigin, ["ingress"]),
        { hint: "set `servicePort`" },
      ),
    );
    return [];
  }
  return ingressObjects(r, owner, ingress, port.port, ctx);
}
