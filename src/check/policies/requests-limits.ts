import { asObj, podViews } from "../pod-views.js";
import type { Finding, Policy } from "./policy.js";

/**
 * Without requests the scheduler packs blind; without limits one runaway job starves its node.
 * stackyard sets both by default, so a finding means a template or a rendered object removed them.
 */
export const requestsLimits: Policy = {
  id: "requests-limits",
  description: "Every container sets cpu and memory requests and limits.",
  defaultSeverity: "error",
  check(object) {
    return podViews(object).flatMap((pod) =>
      pod.containers.flatMap((container): Finding[] => {
        const resources = asObj(container.value.resources);
        const missing = (["requests", "limits"] as const).flatMap((side) =>
          ["cpu", "memory"]
            .filter((k) => asObj(resources?.[side])?.[k] === undefined)
            .map((k) => `${side}.${k}`),
        );
        if (missing.length === 0) return [];
        return [
          {
            path: [...container.path, "resources"],
            message: `container ${String(container.value.name)} sets no ${missing.join(", ")}`,
            hint: "set `resources: {requests: {cpu, memory}, limits: {cpu, memory}}` in the resource",
          },
        ];
      }),
    );
  },
};
