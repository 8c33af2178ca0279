import type { DiffObject } from "../types.js";
import type { RiskRule } from "./rule.js";
import { isRecord, walk } from "./walk.js";

/**
 * Settings that take a pod below the `restricted` pod-security level, by the key they sit
 * under. Each returns what it allows, in words, or undefined when the value is safe.
 */
const WEAK_SETTINGS: Record<string, (value: unknown) => string | undefined> = {
  privileged: (v) => (v === true ? "runs privileged" : undefined),
  allowPrivilegeEscalation: (v) => (v === true ? "allows privilege escalation" : undefined),
  runAsNonRoot: (v) => (v === false ? "may run as root (runAsNonRoot: false)" : undefined),
  runAsUser: (v) => (v === 0 ? "runs as root (runAsUser: 0)" : undefined),
  add: (v) =>
    Array.isArray(v) && v.length > 0 ? `adds capabilities ${v.map(String).join(", ")}` : undefined,
  hostNetwork: (v) => (v === true ? "uses the host network" : undefined),
  hostPID: (v) => (v === true ? "shares the host PID namespace" : undefined),
  hostIPC: (v) => (v === true ? "shares the host IPC namespace" : undefined),
  hostPath: (v) => (isRecord(v) ? `mounts the host path ${String(v["path"])}` : undefined),
};

/** Each weak setting of an object: where it is (path) → what it allows. */
function weakSettings(object: DiffObject | undefined): Map<string, string> {
  const found = new Map<string, string>();
  if (object === undefined) return found;
  for (const f of walk(object.object)) {
    const judge = WEAK_SETTINGS[f.key];
    // `add` counts only under capabilities; the other keys are unambiguous in pod specs.
    if (judge === undefined || (f.key === "add" && !f.path.endsWith("capabilities.add"))) continue;
    const what = judge(f.value);
    if (what !== undefined)
      found.set(`${f.path}=${JSON.stringify(f.value)}`, `${what} (${f.path})`);
  }
  return found;
}

/** Privileged containers, root, added capabilities, host namespaces or host paths. */
export const podSecurityWeakened: RiskRule = {
  id: "pod-security-weakened",
  level: "danger",
  summary:
    "Pod security is weakened: privileged, root, added capabilities, host namespaces or paths.",
  check(change) {
    const before = weakSettings(change.base);
    const label = `${change.kind} ${change.namespace}/${change.name}`;
    return [...weakSettings(change.head)]
      .filter(([k]) => !before.has(k))
      .map(([, what]) => `${label} ${what}`);
  },
};
