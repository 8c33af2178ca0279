import type { RunnableSpec } from "../validate/types.js";
import { quantityValue } from "./quantity.js";

type ResourceList = Record<string, string>;

/**
 * The defaults DataOS documents for Soda (reference §3.2), applied to every runnable that does
 * not set its own, so that no pod runs without requests and limits.
 */
export const DEFAULT_RESOURCES = {
  requests: { cpu: "100m", memory: "100Mi" },
  limits: { cpu: "400m", memory: "400Mi" },
} as const;

/**
 * requests/limits for a container. Each of cpu and memory is defaulted on its own side only,
 * and a default never contradicts a value the user set: a default limit is raised to the
 * user's request and a default request is lowered to the user's limit (Kubernetes rejects a
 * request above its limit).
 */
export function containerResources(spec: RunnableSpec["resources"]): {
  requests: ResourceList;
  limits: ResourceList;
} {
  const requests: ResourceList = { ...spec?.requests };
  const limits: ResourceList = { ...spec?.limits };
  for (const key of ["cpu", "memory"] as const) {
    const request = requests[key];
    const limit = limits[key];
    if (request === undefined) {
      requests[key] = lower(DEFAULT_RESOURCES.requests[key], limit);
    }
    if (limit === undefined) {
      limits[key] = higher(DEFAULT_RESOURCES.limits[key], requests[key]!);
    }
  }
  return { requests: sorted(requests), limits: sorted(limits) };
}

function lower(fallback: string, bound: string | undefined): string {
  if (bound === undefined) return fallback;
  return compare(bound, fallback) < 0 ? bound : fallback;
}

function higher(fallback: string, bound: string): string {
  return compare(bound, fallback) > 0 ? bound : fallback;
}

/** Compares two quantities; an unparsable one (schema-checked upstream) counts as equal. */
function compare(a: string, b: string): number {
  const x = quantityValue(a);
  const y = quantityValue(b);
  if (x === undefined || y === undefined) return 0;
  return x - y;
}

function sorted(list: ResourceList): ResourceList {
  return Object.fromEntries(Object.entries(list).sort(([a], [b]) => (a < b ? -1 : 1)));
}
