import type { Obj } from "../../compile/k8s-types.js";
import type { ObjectPath } from "../k8s/validate-object.js";
import { asObj, podField, podViews, podVolumes, type Located, type PodView } from "../pod-views.js";
import type { Finding, Policy } from "./policy.js";

/** Capabilities the baseline profile lets a container add. */
const BASELINE_CAPABILITIES = new Set([
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
]);
const SAFE_SYSCTLS = new Set([
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
]);
const SELINUX_TYPES = new Set([
  "",
  "container_t",
  "container_init_t",
  "container_kvm_t",
  "container_engine_t",
]);
const RESTRICTED_VOLUMES = new Set([
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
]);
const HINT =
  "stackyard fills in the restricted defaults where a stack template sets nothing; remove the override from the template, or declare `podSecurity: {profile: baseline}` in the stack";

/**
 * The Kubernetes Pod Security Standards, control by control, at the profile the stack declares
 * (restricted unless it opts out). Host namespaces, ports and paths are `host-access`'s, so one
 * mistake is one diagnostic.
 */
export const podSecurity: Policy = {
  id: "pod-security",
  description:
    "Pods meet the Pod Security Standard their stack declares: `restricted` unless the stack opts out.",
  defaultSeverity: "error",
  check(object, ctx) {
    if (ctx.profile === "privileged") return [];
    const strict = ctx.profile === "restricted";
    return podViews(object).flatMap((pod) => [
      ...baseline(pod, strict),
      ...(strict ? restricted(pod) : []),
    ]);
  },
};

/** The baseline controls; under restricted, its stricter capability rule replaces baseline's. */
function baseline(pod: PodView, restrictedToo: boolean): Finding[] {
  const findings: Finding[] = [];
  const podContext = asObj(podField(pod, "securityContext")?.value);
  const podContextPath = podField(pod, "securityContext")?.path;
  for (const { path, value } of contexts(pod)) {
    if (value.privileged === true)
      findings.push(
        finding([...path, "privileged"], "runs privileged", "remove `privileged: true`"),
      );
    if (asObj(value.windowsOptions)?.hostProcess === true)
      findings.push(
        finding([...path, "windowsOptions", "hostProcess"], "runs as a Windows host process"),
      );
    if (value.procMount !== undefined && value.procMount !== "Default")
      findings.push(
        finding(
          [...path, "procMount"],
          `sets procMount ${String(value.procMount)}`,
          "use `procMount: Default`",
        ),
      );
    const added = restrictedToo
      ? []
      : asArray(asObj(value.capabilities)?.add).filter(
          (c) => !BASELINE_CAPABILITIES.has(String(c)),
        );
    for (const cap of added)
      findings.push(
        finding(
          [...path, "capabilities", "add"],
          `adds the capability ${String(cap)}`,
          "baseline allows only the default container capabilities",
        ),
      );
  }
  for (const { path, value } of [
    ...contexts(pod),
    ...(podContext && podContextPath ? [{ path: podContextPath, value: podContext }] : []),
  ]) {
    if (asObj(value.seccompProfile)?.type === "Unconfined")
      findings.push(
        finding(
          [...path, "seccompProfile", "type"],
          "runs without seccomp (Unconfined)",
          "use `RuntimeDefault`",
        ),
      );
    if (asObj(value.appArmorProfile)?.type === "Unconfined")
      findings.push(
        finding(
          [...path, "appArmorProfile", "type"],
          "runs without AppArmor (Unconfined)",
          "use `RuntimeDefault`",
        ),
      );
    const se = asObj(value.seLinuxOptions);
    if (
      se &&
      (!SELINUX_TYPES.has(String(se.type ?? "")) || se.user !== undefined || se.role !== undefined)
    ) {
      findings.push(
        finding(
          [...path, "seLinuxOptions"],
          "sets SELinux options the baseline profile forbids",
          "only `type` container_t, container_init_t, container_kvm_t or container_engine_t",
        ),
      );
    }
  }
  for (const [i, sysctl] of asArray(podContext?.sysctls).entries()) {
    const name = String(asObj(sysctl)?.name);
    if (!SAFE_SYSCTLS.has(name) && podContextPath)
      findings.push(
        finding([...podContextPath, "sysctls", i, "name"], `sets the unsafe sysctl ${name}`),
      );
  }
  return findings;
}

function restricted(pod: PodView): Finding[] {
  const findings: Finding[] = [];
  for (const volume of podVolumes(pod)) {
    const type = Object.keys(volume.value).find((k) => k !== "name");
    if (type !== undefined && type !== "hostPath" && !RESTRICTED_VOLUMES.has(type)) {
      findings.push(
        finding(
          [...volume.path, type],
          `mounts a ${type} volume`,
          `restricted allows ${[...RESTRICTED_VOLUMES].join(", ")}`,
        ),
      );
    }
  }
  const podContext = podField(pod, "securityContext") as Located<Obj> | undefined;
  const podNonRoot = asObj(podContext?.value)?.runAsNonRoot === true;
  const podSeccomp = seccompOk(asObj(podContext?.value));
  if (asObj(podContext?.value)?.runAsUser === 0 && podContext)
    findings.push(
      finding([...podContext.path, "runAsUser"], "runs as user 0 (root)", "run as a non-zero user"),
    );
  for (const { path, value, name } of contexts(pod)) {
    if (value.allowPrivilegeEscalation !== false)
      findings.push(
        finding(
          [...path, "allowPrivilegeEscalation"],
          `container ${name} may escalate privileges`,
          "set `allowPrivilegeEscalation: false`",
        ),
      );
    if (value.runAsNonRoot === false || (value.runAsNonRoot === undefined && !podNonRoot))
      findings.push(
        finding(
          [...path, "runAsNonRoot"],
          `container ${name} may run as root`,
          "set `runAsNonRoot: true`",
        ),
      );
    if (value.runAsUser === 0)
      findings.push(
        finding(
          [...path, "runAsUser"],
          `container ${name} runs as user 0 (root)`,
          "run as a non-zero user",
        ),
      );
    if (value.seccompProfile === undefined ? !podSeccomp : !seccompOk(value))
      findings.push(
        finding(
          [...path, "seccompProfile"],
          `container ${name} has no RuntimeDefault or Localhost seccomp profile`,
        ),
      );
    const caps = asObj(value.capabilities);
    if (!asArray(caps?.drop).includes("ALL"))
      findings.push(
        finding(
          [...path, "capabilities", "drop"],
          `container ${name} does not drop ALL capabilities`,
          "add `capabilities: {drop: [ALL]}`",
        ),
      );
    for (const cap of asArray(caps?.add).filter((c) => c !== "NET_BIND_SERVICE"))
      findings.push(
        finding(
          [...path, "capabilities", "add"],
          `container ${name} adds the capability ${String(cap)}`,
          "restricted allows adding only NET_BIND_SERVICE",
        ),
      );
  }
  return findings;
}

/** Each container's securityContext (an empty one when absent), with the container's name. */
function contexts(pod: PodView): Array<Located<Obj> & { name: string }> {
  return pod.containers.map((c) => ({
    path: [...c.path, "securityContext"],
    value: asObj(c.value.securityContext) ?? {},
    name: String(c.value.name ?? "main"),
  }));
}

function seccompOk(context: Obj | undefined): boolean {
  const type = asObj(context?.seccompProfile)?.type;
  return type === "RuntimeDefault" || type === "Localhost";
}

function finding(path: ObjectPath, message: string, hint = HINT): Finding {
  return { path, message, hint };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
