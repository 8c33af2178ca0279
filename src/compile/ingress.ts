import type { IngressConfig } from "../config/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import type { K8sObject, RenderedRunnable } from "../render/types.js";
import type { ServiceSpec } from "../validate/types.js";
import type { CompileContext } from "./context.js";
import type { Obj } from "./k8s-types.js";
import { objectMeta, type Owner } from "./metadata.js";
import { instanceName, k8sName } from "./names.js";
import { isWritten, locationOf } from "./positions.js";

type IngressSpec = NonNullable<ServiceSpec["ingress"]>;

/** How an Ingress controller strips the path prefix before proxying. */
interface StripPathRule {
  /** Whether this rule serves an ingress class (matched on the class name). */
  matches(className: string): boolean;
  path(prefix: string): string;
  pathType: "Prefix" | "ImplementationSpecific";
  annotations: Record<string, string>;
}

/**
 * Ingress has no portable way to strip a prefix, so it is per controller. ingress-nginx:
 * a regex path whose second group is the rest, rewritten to `/$2`. Kong: its own annotation.
 */
const STRIP_PATH_RULES: Record<string, StripPathRule> = {
  nginx: {
    matches: (c) => c.includes("nginx"),
    path: (prefix) => `${prefix}(/|$)(.*)`,
    pathType: "ImplementationSpecific",
    annotations: {
      "nginx.ingress.kubernetes.io/rewrite-target": "/$2",
      "nginx.ingress.kubernetes.io/use-regex": "true",
    },
  },
  kong: {
    matches: (c) => c.includes("kong"),
    path: (prefix) => prefix,
    pathType: "Prefix",
    annotations: { "konghq.com/strip-path": "true" },
  },
};

/** The Ingress or HTTPRoute of a Service's `ingress`, per the configured flavor. */
export function ingressObjects(
  r: RenderedRunnable,
  owner: Owner,
  ingress: IngressSpec,
  port: number,
  ctx: CompileContext,
): K8sObject[] {
  const config = ctx.config.ingress;
  if (
    ingress.noAuthentication === false &&
    isWritten(r.specOrigin, ["ingress", "noAuthentication"])
  ) {
    ctx.diagnostics.push(
      diag(
        "FIELD_APPROXIMATED",
        "`noAuthentication: false` has no Kubernetes equivalent: stackyard does not add authentication",
        locationOf(r.specOrigin, ["ingress", "noAuthentication"]),
        { hint: "enforce authentication at the ingress controller or gateway" },
      ),
    );
  }
  if (config.flavor === "gateway") return httpRoute(r, owner, ingress, port, config, ctx);
  return [ingressObject(r, owner, ingress, port, config, ctx)];
}

function ingressObject(
  r: RenderedRunnable,
  owner: Owner,
  ingress: IngressSpec,
  port: number,
  config: IngressConfig,
  ctx: CompileContext,
): K8sObject {
  const prefix = trimSlash(ingress.path);
  const rule = ingress.stripPath && prefix !== "" ? stripRule(r, config, ctx) : undefined;
  const metadata = objectMeta(owner, instanceName(r.name, r.stamp), r.workspace);
  metadata.annotations = { ...metadata.annotations, ...ingress.annotations, ...rule?.annotations };
  const backend = {
    service: { name: k8sName(instanceName(r.name, r.stamp)), port: { number: port } },
  };
  const path = {
    backend,
    path: rule?.path(prefix) ?? (prefix || "/"),
    pathType: rule?.pathType ?? "Prefix",
  };
  const httpRule: Obj = { http: { paths: [path] } };
  if (config.host !== undefined) httpRule.host = config.host;
  const spec: Obj = { ingressClassName: config.className, rules: [httpRule] };
  if (config.tls !== undefined) {
    const tls: Obj = { secretName: config.tls.secretName };
    if (config.host !== undefined) tls.hosts = [config.host];
    spec.tls = [tls];
  }
  return { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata, spec };
}

function stripRule(
  r: RenderedRunnable,
  config: IngressConfig,
  ctx: CompileContext,
): StripPathRule | undefined {
  const rule = Object.values(STRIP_PATH_RULES).find((s) => s.matches(config.className));
  if (rule === undefined) {
    ctx.diagnostics.push(
      diag(
        "FIELD_APPROXIMATED",
        `\`stripPath\` is not supported for ingress class "${config.className}": the path is passed through unchanged`,
        locationOf(r.specOrigin, ["ingress", "stripPath"]),
        {
          hint: `supported classes: ${Object.keys(STRIP_PATH_RULES).join(", ")}; or use the gateway flavor`,
        },
      ),
    );
  }
  return rule;
}

/** Gateway API: a PathPrefix match, and `stripPath` as the standard URLRewrite filter. */
function httpRoute(
  r: RenderedRunnable,
  owner: Owner,
  ingress: IngressSpec,
  port: number,
  config: IngressConfig,
  ctx: CompileContext,
): K8sObject[] {
  if (config.gateway === undefined) {
    ctx.diagnostics.push(
      diag(
        "CONFIG_INVALID",
        "`ingress.flavor: gateway` needs `ingress.gateway.name` in stackyard.yaml",
        {
          file: "stackyard.yaml",
        },
      ),
    );
    return [];
  }
  const prefix = trimSlash(ingress.path);
  const rule: Obj = {
    backendRefs: [{ name: k8sName(instanceName(r.name, r.stamp)), port }],
    matches: [{ path: { type: "PathPrefix", value: prefix || "/" } }],
  };
  if (ingress.stripPath && prefix !== "") {
    rule.filters = [
      {
        type: "URLRewrite",
        urlRewrite: { path: { replacePrefixMatch: "/", type: "ReplacePrefixMatch" } },
      },
    ];
  }
  const parent: Obj = { name: config.gateway.name };
  if (config.gateway.namespace !== undefined) parent.namespace = config.gateway.namespace;
  if (config.gateway.sectionName !== undefined) parent.sectionName = config.gateway.sectionName;
  const spec: Obj = { parentRefs: [parent], rules: [rule] };
  if (config.host !== undefined) spec.hostnames = [config.host];
  const metadata = objectMeta(owner, instanceName(r.name, r.stamp), r.workspace);
  metadata.annotations = { ...metadata.annotations, ...ingress.annotations };
  return [{ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata, spec }];
}

function trimSlash(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed === "" || trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}
