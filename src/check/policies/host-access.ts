import { asObj, podField, podViews, podVolumes } from "../pod-views.js";
import type { Finding, Policy } from "./policy.js";

/** Host namespaces, host ports and host paths give a pod the node; data workloads never need it. */
export const hostAccess: Policy = {
  id: "host-access",
  description:
    "Pods use no host namespaces (network, PID, IPC), no host ports and no hostPath volumes.",
  defaultSeverity: "error",
  check(object) {
    return podViews(object).flatMap((pod) => {
      const findings: Finding[] = [];
      for (const key of ["hostNetwork", "hostPID", "hostIPC"]) {
        const field = podField(pod, key);
        if (field?.value === true)
          findings.push({
            path: field.path,
            message: `the pod shares the node's ${key.slice(4)} namespace (${key}: true)`,
            hint: `remove \`${key}\``,
          });
      }
      for (const volume of podVolumes(pod)) {
        const hostPath = asObj(volume.value.hostPath);
        if (hostPath)
          findings.push({
            path: [...volume.path, "hostPath"],
            message: `volume ${String(volume.value.name)} mounts the node path ${String(hostPath.path)}`,
            hint: "use a persistentVolumeClaim, emptyDir or a DataOS volume instead",
          });
      }
      for (const container of pod.containers) {
        const ports = Array.isArray(container.value.ports) ? container.value.ports : [];
        ports.forEach((port, i) => {
          const hostPort = asObj(port)?.hostPort;
          if (typeof hostPort === "number" && hostPort !== 0)
            findings.push({
              path: [...container.path, "ports", i, "hostPort"],
              message: `container ${String(container.value.name)} binds the node's port ${hostPort}`,
              hint: "expose the port through a Service instead",
            });
        });
      }
      return findings;
    });
  },
};
