import { describe, expect, test } from "vitest";
import { containerResources } from "../../src/compile/container-resources.js";
import { compileAll } from "../../src/compile/index.js";
import {
  makeCompute,
  makeConfig,
  makeDataset,
  makeDepot,
  makeRunnable,
  makeSecret,
  makeStack,
  makeVolume,
  makeWorker,
} from "./factories.js";
import { compile, one } from "./helpers.js";

/** The pod spec of a compiled worker. */
function podOf(...args: Parameters<typeof makeRunnable>) {
  const [resource] = args;
  const { objects, diagnostics } = compile([makeRunnable(...args)], [resource]);
  return { diagnostics, objects, pod: one(objects, "Deployment").spec.template.spec };
}

describe("the default pod", () => {
  test("injects the platform env, then the stack's, then the resource's, later winning", () => {
    const worker = makeWorker("sink", {
      envs: { LOG_LEVEL: "DEBUG", ZED: "1", APP: "x" },
      runAsUser: "metis",
    });
    worker.meta.description = "sinks orders";
    const config = makeConfig({
      platform: { env: { CLUSTER_NAME: "eu-1" }, fqdn: "data.example.com", logLevel: "INFO" },
    });
    const r = makeRunnable(worker, {
      stack: makeStack({ environmentVars: { STACK_VAR: "s", DATAOS_TEMP_DIR: "/tmp" } }),
    });
    const { objects } = compile([r], [worker], config);
    const env = one(objects, "Deployment").spec.template.spec.containers[0].env as Array<{
      name: string;
      value: string;
    }>;
    expect(env.map((e) => e.name)).toEqual([
      "CLUSTER_NAME",
      "DATAOS_CONFIG_DIR",
      "DATAOS_DESCRIPTION",
      "DATAOS_FQDN",
      "DATAOS_IS_DRY_RUN",
      "DATAOS_LOG_LEVEL",
      "DATAOS_NAME",
      "DATAOS_RESOURCE_ID",
      "DATAOS_RUN_AS_USER",
      "DATAOS_SECRET_DIR",
      "DATAOS_STAMP",
      "DATAOS_TAGS",
      "DATAOS_TYPE",
      "DATAOS_WORKSPACE",
      "RUNNABLE_ARTIFACT_DIR",
      "RUNNABLE_TYPE",
      // stack group
      "DATAOS_TEMP_DIR",
      "STACK_VAR",
      // resource group
      "APP",
      "LOG_LEVEL",
      "ZED",
    ]);
    const value = (name: string) => env.find((e) => e.name === name)?.value;
    expect(value("DATAOS_FQDN")).toBe("data.example.com");
    expect(value("DATAOS_RESOURCE_ID")).toBe("worker:v1beta:sink:sandbox");
    expect(value("DATAOS_DESCRIPTION")).toBe("sinks orders");
    expect(value("DATAOS_RUN_AS_USER")).toBe("metis");
    expect(value("LOG_LEVEL")).toBe("DEBUG");
    expect(value("DATAOS_TEMP_DIR")).toBe("/tmp");
    expect(env.some((e) => /UID|RUN_ID|APIKEY/.test(e.name))).toBe(false);
  });

  test("is restricted by default: pod and container security contexts", () => {
    const { pod } = podOf(makeWorker("w"));
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true,
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(pod.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
      runAsNonRoot: true,
      seccompProfile: { type: "RuntimeDefault" },
    });
  });

  test("keeps what a container template set, and fills in only the rest", () => {
    const { pod } = podOf(makeWorker("w"), {
      container: {
        image: "acme/custom:2",
        securityContext: { runAsNonRoot: false, runAsUser: 0 },
        env: [{ name: "STACK_VAR", value: "t" }],
      },
      initContainers: [{ image: "busybox:1", name: "w-ic" }],
      sidecars: [{ image: "envoy:1", name: "proxy" }],
    });
    const [main, sidecar] = pod.containers;
    expect(main.image).toBe("acme/custom:2");
    expect(main.name).toBe("w-main");
    expect(main.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
      runAsNonRoot: false,
      runAsUser: 0,
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(main.env.filter((e: { name: string }) => e.name === "STACK_VAR")).toEqual([
      { name: "STACK_VAR", value: "t" },
    ]);
    expect(sidecar.name).toBe("proxy");
    expect(sidecar.securityContext.capabilities).toEqual({ drop: ["ALL"] });
    expect(pod.initContainers[0].securityContext.runAsNonRoot).toBe(true);
  });

  test("a stack that opts out of restricted gets no injected defaults, and its namespace is relaxed", () => {
    const stack = makeStack({ podSecurity: { profile: "baseline" } });
    const { pod, objects } = podOf(makeWorker("w"), { stack });
    expect(pod.securityContext).toBeUndefined();
    expect(pod.containers[0].securityContext).toBeUndefined();
    expect(one(objects, "Namespace").metadata.labels["pod-security.kubernetes.io/enforce"]).toBe(
      "baseline",
    );
  });

  test("sets requests and limits, defaulting each side without contradicting the user", () => {
    expect(containerResources(undefined)).toEqual({
      limits: { cpu: "400m", memory: "400Mi" },
      requests: { cpu: "100m", memory: "100Mi" },
    });
    expect(containerResources({ requests: { cpu: "2", memory: "1Gi" } })).toEqual({
      limits: { cpu: "2", memory: "1Gi" },
      requests: { cpu: "2", memory: "1Gi" },
    });
    expect(containerResources({ limits: { cpu: "50m", memory: "2Gi" } })).toEqual({
      limits: { cpu: "50m", memory: "2Gi" },
      requests: { cpu: "50m", memory: "100Mi" },
    });
  });

  test("compute placement: nodeSelector and tolerations", () => {
    const compute = makeCompute({
      nodeSelector: { "dataos.io/purpose": "gpu" },
      tolerations: [{ effect: "NoSchedule", key: "dedicated", operator: "Equal", value: "gpu" }],
    });
    const { pod } = podOf(makeWorker("w"), { compute });
    expect(pod.nodeSelector).toEqual({ "dataos.io/purpose": "gpu" });
    expect(pod.tolerations).toEqual([
      { effect: "NoSchedule", key: "dedicated", operator: "Equal", value: "gpu" },
    ]);
  });

  test("highAvailabilityConfig → a topology spread over the pod's selector labels", () => {
    const cases = [
      ["hostname", "preferred", "kubernetes.io/hostname", "ScheduleAnyway"],
      ["zone", "required", "topology.kubernetes.io/zone", "DoNotSchedule"],
      ["region", "preferred", "topology.kubernetes.io/region", "ScheduleAnyway"],
    ] as const;
    for (const [level, mode, topologyKey, whenUnsatisfiable] of cases) {
      const { pod } = podOf(
        makeWorker("w", { highAvailabilityConfig: { level, mode }, replicas: 3 }),
      );
      expect(pod.topologySpreadConstraints).toEqual([
        {
          labelSelector: {
            matchLabels: { "app.kubernetes.io/instance": "w", "app.kubernetes.io/name": "w" },
          },
          maxSkew: 1,
          topologyKey,
          whenUnsatisfiable,
        },
      ]);
    }
  });

  test("config files: ConfigMap volume at the config dir; pull secret from the stack image", () => {
    const stack = makeStack({
      image: { auth: { imagePullSecret: "registry" }, image: "x", tag: "1" },
    });
    const { pod } = podOf(makeWorker("w"), { configFiles: { "job.yaml": "a: 1" }, stack });
    expect(pod.volumes).toContainEqual({
      configMap: { name: "w-worker" },
      name: "dataos-config-mount",
    });
    expect(pod.containers[0].volumeMounts).toContainEqual({
      mountPath: "/etc/dataos/config",
      name: "dataos-config-mount",
      readOnly: true,
    });
    expect(pod.imagePullSecrets).toEqual([{ name: "registry" }]);
  });

  test("dataosSecrets: envVars as envFrom or secretKeyRef, propFile as <secret>_<key> files", () => {
    const worker = makeWorker("w");
    const creds = makeSecret("creds", { data: { password: "ENC[x]", user: "ENC[y]" } });
    const cert = makeSecret("cert", { files: { "tls.crt": "c.pem" } });
    const token = makeSecret("token", { data: { TOKEN: "ENC[z]" } });
    const ref = (name: string, consumptionType: "envVars" | "propFile", key?: string) => ({
      allKeys: key === undefined,
      consumptionType,
      name,
      ...(key ? { key } : {}),
    });
    const r = makeRunnable(worker, {
      secrets: [
        {
          k8sName: "creds",
          keys: ["password", "user"],
          ref: ref("creds", "envVars"),
          secret: creds,
        },
        { k8sName: "token", keys: ["TOKEN"], ref: ref("token", "envVars", "TOKEN"), secret: token },
        { k8sName: "cert", keys: ["tls.crt"], ref: ref("cert", "propFile"), secret: cert },
      ],
    });
    const { objects } = compile(
      [r],
      [worker, creds, cert, token],
      makeConfig({ secrets: { ...makeConfig().secrets, mode: "existing" } }),
    );
    const pod = one(objects, "Deployment").spec.template.spec;
    const main = pod.containers[0];
    expect(main.envFrom).toEqual([{ secretRef: { name: "creds" } }]);
    expect(main.env).toContainEqual({
      name: "TOKEN",
      valueFrom: { secretKeyRef: { key: "TOKEN", name: "token" } },
    });
    expect(pod.volumes).toContainEqual({
      name: "dataos-secret-mount",
      projected: {
        sources: [{ secret: { items: [{ key: "tls.crt", path: "cert_tls.crt" }], name: "cert" } }],
      },
    });
    expect(main.volumeMounts).toContainEqual({
      mountPath: "/etc/dataos/secret",
      name: "dataos-secret-mount",
      readOnly: true,
    });
  });

  test("depot credentials follow the stack's secretProjection", () => {
    const depot = makeDepot("lake", ["lake-r", "lake-rw"]);
    const lakeR = makeSecret("lake-r", { data: { key: "ENC[a]" } }, { type: "instance-secret" });
    const datasets = [makeDataset("dataos://lake:sales/orders", depot, "r", ["lake-r"])];
    const worker = makeWorker("w");
    const envPod = podOf(worker, {
      datasets,
      stack: makeStack({ secretProjection: { type: "envVars" } }),
    }).pod;
    expect(envPod.containers[0].envFrom).toEqual([{ secretRef: { name: "lake-r" } }]);
    const { objects } = compile(
      [
        makeRunnable(worker, {
          datasets,
          stack: makeStack({ secretProjection: { type: "propFile" } }),
        }),
      ],
      [worker, depot, lakeR],
    );
    const filePod = one(objects, "Deployment").spec.template.spec;
    expect(filePod.volumes).toContainEqual({
      name: "dataos-secret-mount",
      projected: {
        sources: [{ secret: { items: [{ key: "key", path: "lake-r_key" }], name: "lake-r" } }],
      },
    });
    // The instance secret is provided in the workspace that uses it.
    expect(
      objects.filter((o) => o.object.kind === "ExternalSecret").map((o) => [o.workspace, o.unit]),
    ).toEqual([["sandbox", "instance-secret-lake-r"]]);
    expect(one(objects, "Deployment").metadata.annotations["stackyard.dev/datasets-read"]).toBe(
      "dataos://lake:sales/orders",
    );
  });

  test("an instance secret's existingSecret is the Secret depot credentials and pulls name", () => {
    const depot = makeDepot("lake", ["lake-r"]);
    const lakeR = makeSecret(
      "lake-r",
      { data: { key: "" }, existingSecret: "lake-creds" },
      { type: "instance-secret" },
    );
    const registry = makeSecret(
      "registry",
      { existingSecret: "registry-pull", type: "cloud-kernel-image-pull" },
      { type: "instance-secret" },
    );
    const datasets = [makeDataset("dataos://lake:sales/orders", depot, "r", ["lake-r"])];
    const worker = makeWorker("w");
    const image = { auth: { imagePullSecret: "registry" }, image: "x", tag: "1" };
    for (const type of ["envVars", "propFile"] as const) {
      const { objects } = compile(
        [
          makeRunnable(worker, {
            datasets,
            stack: makeStack({ image, secretProjection: { type } }),
          }),
        ],
        [worker, depot, lakeR, registry],
      );
      const pod = one(objects, "Deployment").spec.template.spec;
      expect(pod.imagePullSecrets).toEqual([{ name: "registry-pull" }]);
      if (type === "envVars")
        expect(pod.containers[0].envFrom).toEqual([{ secretRef: { name: "lake-creds" } }]);
      else
        expect(pod.volumes).toContainEqual({
          name: "dataos-secret-mount",
          projected: {
            sources: [
              { secret: { items: [{ key: "key", path: "lake-r_key" }], name: "lake-creds" } },
            ],
          },
        });
      // The Secret exists already: nothing provides it.
      expect(objects.some((o) => o.object.kind === "ExternalSecret")).toBe(false);
    }
  });

  test("volumes: temp → emptyDir at the temp dir, persistent → the PVC with subPath", () => {
    const temp = makeVolume("scratch", { size: "5Gi", type: "temp" });
    const data = makeVolume("data");
    const worker = makeWorker("w");
    const { pod } = podOf(worker, {
      dataosVolumes: [{ directory: "models", readOnly: true, volume: data }],
      persistentVolume: { directory: "state", readOnly: false, volume: data },
      tempVolume: temp,
    });
    expect(pod.volumes).toEqual([
      { emptyDir: { sizeLimit: "5Gi" }, name: "w-worker-tdm" },
      { name: "w-worker-pdm", persistentVolumeClaim: { claimName: "data" } },
    ]);
    expect(pod.containers[0].volumeMounts).toEqual([
      { mountPath: "/var/dataos/temp_data", name: "w-worker-tdm" },
      { mountPath: "/var/dataos/persistent/state", name: "w-worker-pdm", subPath: "state" },
      {
        mountPath: "/var/dataos/persistent/models",
        name: "w-worker-pdm",
        readOnly: true,
        subPath: "models",
      },
    ]);
  });

  test("a container without any image is an error at the runnable's stack", () => {
    const worker = makeWorker("w");
    const { diagnostics } = compileAllRaw(makeRunnable(worker, { image: undefined }), worker);
    expect(diagnostics.map((d) => d.code)).toEqual(["MISSING_FIELD"]);
    expect(
      worker.origin.source.text.slice(diagnostics[0]!.range!.start, diagnostics[0]!.range!.end),
    ).toBe("tool:1.0");
  });
});

function compileAllRaw(
  r: ReturnType<typeof makeRunnable>,
  resource: Parameters<typeof makeRunnable>[0],
) {
  return compileAll({ config: makeConfig(), resources: [resource], runnables: [r] });
}
