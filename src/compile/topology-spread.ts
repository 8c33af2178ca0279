import type { RunnableSpec } from "../validate/types.js";
import type { Obj } from "./k8s-types.js";

const TOPOLOGY_KEYS = {
  hostname: "kubernetes.io/hostname",
  zone: "topology.kubernetes.io/zone",
  region: "topology.kubernetes.io/region",
} as const;

const WHEN_UNSATISFIABLE = { preferred: "ScheduleAnyway", required: "DoNotSchedule" } as const;

/** `highAvailabilityConfig` → one topology spread constraint over the runnable's pods. */
export function topologySpread(
  ha: RunnableSpec["highAvailabilityConfig"],
  selector: Record<string, string>,
): Obj[] {
  if (ha === undefined) return [];
  return [
    {
      labelSelector: { matchLabels: selector },
      maxSkew: 1,
      topologyKey: TOPOLOGY_KEYS[ha.level],
      whenUnsatisfiable: WHEN_UNSATISFIABLE[ha.mode],
    },
  ];
}
