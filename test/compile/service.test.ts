import { describe, expect, test } from "vitest";
import { makeConfig, makeRunnable, makeService, makeStack } from "./factories.js";
import { compile, kinds, one } from "./helpers.js";

const ingress = (path: string, stripPath: boolean) => ({
  annotations: {},
  enabled: true,
  noAuthentication: true,
  path,
  stripPath,
});

describe("Service", () => {
  test("becomes a Deployment, Service, ServiceAccount and a ConfigMap for its config files", () => {
    const svc = makeService("orders-api", { servicePort: 8080 });
    const r = makeRunnable(svc, { configFiles: { "app.yaml": "a: 1\n" }, stamp: "-ab12" });
    const { objects, diagnostics } = compile([r], [svc]);
    expect(diagnostics).toEqual([]);
    expect(kinds(objects)).toEqual([
      "ConfigMap",
      "Deployment",
      "Namespace",
      "Service",
      "ServiceAccount",
    ]);
    const deploy = one(objects, "Deployment");
    expect(deploy.metadata.name).toBe("orders-api-ab12-d");
    expect(deploy.spec.replicas).toBe(1);
    const pod = deploy.spec.template.spec;
    expect(pod.containers[0].name).toBe("orders-api-ab12-main");
    expect(pod.containers[0].ports).toEqual([
      { containerPort: 8080, name: "http", protocol: "TCP" },
    ]);
    expect(pod.serviceAccountName).toBe("orders-api-ab12-sa");
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(one(objects, "ConfigMap").metadata.name).toBe("orders-api-service-ab12");
    expect(deploy.spec.template.metadata.annotations["stackyard.dev/config-hash"]).toMatch(
      /^[0-9a-f]{8}$/,
    );
    const service = one(objects, "Service");
    expect(service.metadata.name).toBe("orders-api-ab12");
    expect(service.spec.ports).toEqual([
      { name: "http", port: 8080, protocol: "TCP", targetPort: 8080 },
    ]);
    expect(service.spec.selector).toEqual(deploy.spec.selector.matchLabels);
  });

  test("names and targets the port from the stack's `ports`, and adds servicePorts", () => {
    const svc = makeService("flash", {
      servicePort: 80,
      servicePorts: [
        { name: "metrics", servicePort: 9090 },
        { name: "Not_Valid", servicePort: 5433, targetPort: 5432 },
      ],
    });
    const stack = makeStack({ ports: { name: "web", servicePort: 80, targetPort: 8501 } });
    const { objects } = compile([makeRunnable(svc, { stack })], [svc]);
    expect(one(objects, "Service").spec.ports).toEqual([
      { name: "web", port: 80, protocol: "TCP", targetPort: 8501 },
      { name: "metrics", port: 9090, protocol: "TCP", targetPort: 9090 },
      { name: "port-5433", port: 5433, protocol: "TCP", targetPort: 5432 },
    ]);
  });

  test("ingress with stripPath on nginx: regex path rewritten to the rest", () => {
    const svc = makeService("ui", { ingress: ingress("/apps/ui/", true), servicePort: 8501 });
    const config = makeConfig({
      ingress: {
        className: "nginx",
        flavor: "ingress",
        host: "data.example.com",
        tls: { secretName: "wildcard" },
      },
    });
    const { objects, diagnostics } = compile([makeRunnable(svc)], [svc], config);
    expect(diagnostics).toEqual([]);
    const ing = one(objects, "Ingress");
    expect(ing.metadata.annotations).toMatchObject({
      "nginx.ingress.kubernetes.io/rewrite-target": "/$2",
      "nginx.ingress.kubernetes.io/use-regex": "true",
    });
    expect(ing.spec).toEqual({
      ingressClassName: "nginx",
      rules: [
        {
          host: "data.example.com",
          http: {
            paths: [
              {
                backend: { service: { name: "ui", port: { number: 8501 } } },
                path: "/apps/ui(/|$)(.*)",
                pathType: "ImplementationSpecific",
              },
            ],
          },
        },
      ],
      tls: [{ hosts: ["data.example.com"], secretName: "wildcard" }],
    });
  });

  test("ingress without stripPath is a plain Prefix path", () => {
    const svc = makeService("ui", { ingress: ingress("/apps/ui", false), servicePort: 8501 });
    const ing = one(compile([makeRunnable(svc)], [svc]).objects, "Ingress");
    expect(ing.spec.rules[0].http.paths[0]).toMatchObject({ path: "/apps/ui", pathType: "Prefix" });
    expect(ing.metadata.annotations["nginx.ingress.kubernetes.io/rewrite-target"]).toBeUndefined();
  });

  test("stripPath on a class stackyard cannot strip for is a warning at the field", () => {
    const svc = makeService("ui", { ingress: ingress("/apps/ui", true), servicePort: 8501 });
    const config = makeConfig({ ingress: { className: "haproxy", flavor: "ingress" } });
    const { diagnostics, objects } = compile([makeRunnable(svc)], [svc], config);
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ["FIELD_APPROXIMATED", "warning"],
    ]);
    const d = diagnostics[0]!;
    expect(svc.origin.source.text.slice(d.range!.start, d.range!.end)).toBe("true");
    expect(one(objects, "Ingress").spec.rules[0].http.paths[0].pathType).toBe("Prefix");
  });

  test("gateway flavor: an HTTPRoute with the URLRewrite filter for stripPath", () => {
    const svc = makeService("ui", { ingress: ingress("/apps/ui", true), servicePort: 8501 });
    const config = makeConfig({
      ingress: {
        className: "",
        flavor: "gateway",
        gateway: { name: "public", namespace: "gateways", sectionName: "https" },
        host: "data.example.com",
      },
    });
    const { objects } = compile([makeRunnable(svc)], [svc], config);
    expect(kinds(objects)).not.toContain("Ingress");
    expect(one(objects, "HTTPRoute").spec).toEqual({
      hostnames: ["data.example.com"],
      parentRefs: [{ name: "public", namespace: "gateways", sectionName: "https" }],
      rules: [
        {
          backendRefs: [{ name: "ui", port: 8501 }],
          filters: [
            {
              type: "URLRewrite",
              urlRewrite: { path: { replacePrefixMatch: "/", type: "ReplacePrefixMatch" } },
            },
          ],
          matches: [{ path: { type: "PathPrefix", value: "/apps/ui" } }],
        },
      ],
    });
  });

  test("autoscaling: an HPA, no fixed replicas, and a PDB when the minimum is above one", () => {
    const svc = makeService("api", {
      autoScaling: {
        enabled: true,
        maxReplicas: 5,
        minReplicas: 2,
        targetCPUUtilizationPercentage: 70,
        targetMemoryUtilizationPercentage: 120,
      },
      replicas: 3,
      servicePort: 80,
    });
    const { objects } = compile([makeRunnable(svc)], [svc]);
    expect(one(objects, "Deployment").spec.replicas).toBeUndefined();
    expect(one(objects, "HorizontalPodAutoscaler").spec).toEqual({
      maxReplicas: 5,
      metrics: [
        {
          resource: { name: "cpu", target: { averageUtilization: 70, type: "Utilization" } },
          type: "Resource",
        },
        {
          resource: { name: "memory", target: { averageUtilization: 120, type: "Utilization" } },
          type: "Resource",
        },
      ],
      minReplicas: 2,
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "api-d" },
    });
    const pdb = one(objects, "PodDisruptionBudget");
    expect(pdb.spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: one(objects, "Deployment").spec.selector.matchLabels },
    });
  });

  test("a single replica gets no PDB (it would block every drain)", () => {
    const svc = makeService("api", { replicas: 1, servicePort: 80 });
    expect(kinds(compile([makeRunnable(svc)], [svc]).objects)).not.toContain("PodDisruptionBudget");
    const two = makeService("api", { replicas: 2, servicePort: 80 });
    expect(kinds(compile([makeRunnable(two)], [two]).objects)).toContain("PodDisruptionBudget");
  });

  test("every object carries the standard labels and stackyard annotations", () => {
    const svc = makeService("api", { servicePort: 80 });
    const { objects } = compile([makeRunnable(svc, { stamp: "-x1y2" })], [svc]);
    for (const o of objects.filter((o) => o.object.kind !== "Namespace")) {
      expect(o.object.metadata.labels).toEqual({
        "app.kubernetes.io/component": "service",
        "app.kubernetes.io/instance": "api-x1y2",
        "app.kubernetes.io/managed-by": "stackyard",
        "app.kubernetes.io/name": "api",
        "app.kubernetes.io/part-of": "sandbox",
      });
      expect(o.object.metadata.annotations).toEqual({
        "stackyard.dev/resource-id": "service:v1:api:sandbox",
        "stackyard.dev/source": "resources/api.yaml:2",
        "stackyard.dev/stack": "tool:1.0",
      });
      expect(o.source).toEqual({
        file: "resources/api.yaml",
        line: 2,
        resourceId: "service:v1:api:sandbox",
      });
      expect(o).toMatchObject({ cluster: "default", unit: "service-api", workspace: "sandbox" });
    }
    // Pod labels are only the (immutable) selector labels.
    expect(Object.keys(one(objects, "Deployment").spec.template.metadata.labels)).toEqual([
      "app.kubernetes.io/instance",
      "app.kubernetes.io/name",
    ]);
  });
});
