import { quantityValue } from "../../compile/quantity.js";
import { asObj, podViews } from "../pod-views.js";
import type { Finding, Policy } from "./policy.js";

/** Catches the typo that asks for 300 replicas or 640Gi before the cluster autoscaler does. */
export const resourceCeilings: Policy = {
  id: "resource-ceilings",
  description: "Replicas and container cpu/memory stay under `policies.ceilings`.",
  defaultSeverity: "error",
  check(object, ctx) {
    const ceilings = ctx.config.policies.ceilings;
    const findings: Finding[] = [];
    const spec = asObj(object.spec);
    const replicas = object.kind === "HorizontalPodAutoscaler" ? "maxReplicas" : "replicas";
    if (typeof spec?.[replicas] === "number" && spec[replicas] > ceilings.replicas) {
      findings.push({
        path: ["spec", replicas],
        message: `${object.kind} ${object.metadata.name} asks for ${spec[replicas]} replicas, above the ceiling of ${ceilings.replicas}`,
        hint: "raise policies.ceilings.replicas in stackyard.yaml if this is deliberate",
      });
    }
    for (const pod of podViews(object)) {
      for (const container of pod.containers) {
        const resources = asObj(container.value.resources);
        for (const side of ["requests", "limits"]) {
          for (const key of ["cpu", "memory"] as const) {
            const value = asObj(resources?.[side])?.[key];
            if (typeof value !== "string" && typeof value !== "number") continue;
            const amount = quantityValue(value);
            const limit = quantityValue(ceilings[key]);
            if (amount === undefined || limit === undefined || amount <= limit) continue;
            findings.push({
              path: [...container.path, "resources", side, key],
              value: String(value),
              message: `container ${String(container.value.name)} ${side} ${key} ${value}, above the ceiling of ${ceilings[key]}`,
              hint: `raise policies.ceilings.${key} in stackyard.yaml if this is deliberate`,
            });
          }
        }
      }
    }
    return findings;
  },
};
