import { describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { makeConfig, makeRunnable, makeSecret, makeVolume, makeWorker } from "./factories.js";
import { compile, kinds, one } from "./helpers.js";

const mode = (m: "external-secrets" | "sops" | "existing") =>
  makeConfig({ secrets: { ...makeConfig().secrets, mode: m } });

describe("Volume", () => {
  test("a persistent volume is a PVC named after it", () => {
    const volume = makeVolume("data", {
      accessMode: "ReadWriteMany",
      size: "10Gi",
      storageClassName: "fast",
    });
    const { objects } = compile([], [volume]);
    expect(one(objects, "PersistentVolumeClaim").spec).toEqual({
      accessModes: ["ReadWriteMany"],
      resources: { requests: { storage: "10Gi" } },
      storageClassName: "fast",
    });
    expect(objects.map((o) => [o.workspace, o.unit, o.object.kind])).toEqual([
      ["sandbox", "", "Namespace"],
      ["sandbox", "volume-data", "PersistentVolumeClaim"],
    ]);
  });

  test("a temp volume has no PVC (it is an emptyDir where mounted)", () => {
    expect(
      compile([], [makeVolume("t", { type: "temp" }), makeVolume("c", { type: "CloudTemp" })])
        .objects,
    ).toEqual([]);
  });
});

describe("Secret", () => {
  test("external-secrets: one ExternalSecret entry per declared key, from <workspace>/<name>", () => {
    const secret = makeSecret("db", {
      data: { password: "ENC[AES256_GCM,data:x]", user: "ENC[AES256_GCM,data:y]" },
    });
    const es = one(compile([], [secret], mode("external-secrets")).objects, "ExternalSecret");
    expect(es.spec).toEqual({
      data: [
        { remoteRef: { key: "sandbox/db", property: "password" }, secretKey: "password" },
        { remoteRef: { key: "sandbox/db", property: "user" }, secretKey: "user" },
      ],
      refreshInterval: "1h",
      secretStoreRef: { kind: "ClusterSecretStore", name: "stackyard" },
      target: { creationPolicy: "Owner", name: "db" },
    });
  });

  test("external-secrets: externalRef, and the dockerconfigjson type for image pull secrets", () => {
    const pull = makeSecret("registry", {
      externalRef: { key: "ci/registry" },
      type: "cloud-kernel-image-pull",
    });
    const es = one(compile([], [pull], mode("external-secrets")).objects, "ExternalSecret");
    expect(es.spec.dataFrom).toEqual([{ extract: { key: "ci/registry" } }]);
    expect(es.spec.target.template).toEqual({ type: "kubernetes.io/dockerconfigjson" });
  });

  test("sops: the SOPS-encrypted manifest named by sopsFile is written byte for byte", () => {
    const text =
      "apiVersion: v1\nkind: Secret\nmetadata:\n    name: db\n    namespace: sandbox\nsops:\n    mac: ENC[mac]\n";
    const object = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "db", namespace: "sandbox" },
      sops: { mac: "ENC[mac]" },
    };
    const secret = makeSecret("db", {
      data: { password: "" },
      sopsFile: "db.enc.yaml",
      sopsManifest: { text, object },
    });
    const emitted = compile([], [secret], mode("sops")).objects.filter(
      (o) => o.object.kind === "Secret",
    );
    expect(emitted).toHaveLength(1);
    expect(emitted[0]!.verbatim).toBe(text);
    expect(emitted[0]!.object).toEqual(object);
  });

  test("existing: nothing is emitted, runnables refer to the Secret by name", () => {
    expect(
      compile([], [makeSecret("db", { data: { p: "ENC[x]" } })], mode("existing")).objects,
    ).toEqual([]);
  });

  test("an instance secret appears in each workspace that uses it, and nowhere else", () => {
    const shared = makeSecret("shared", { data: { k: "ENC[x]" } }, { type: "instance-secret" });
    const ref = {
      k8sName: "shared",
      keys: ["k"],
      ref: { allKeys: true, consumptionType: "envVars" as const, name: "shared" },
      secret: shared,
    };
    const a = makeWorker("a", {}, "team-a");
    const b = makeWorker("b", {}, "team-b");
    const c = makeWorker("c", {}, "team-c");
    const runnables = [
      makeRunnable(a, { secrets: [ref] }),
      makeRunnable(b, { secrets: [ref] }),
      makeRunnable(c),
    ];
    const { objects } = compile(runnables, [a, b, c, shared]);
    expect(
      objects
        .filter((o) => o.object.kind === "ExternalSecret")
        .map((o) => [o.workspace, o.object.metadata.name]),
    ).toEqual([
      ["team-a", "shared"],
      ["team-b", "shared"],
    ]);
  });

  test("no secret value reaches the output in any mode", () => {
    const plaintextLooking = "hunter2-do-not-leak";
    // The validate stage refuses plaintext; this guards the compile stage on its own.
    const secret = makeSecret("db", {
      data: { password: plaintextLooking },
      files: { "key.pem": "keys/key.pem" },
    });
    const worker = makeWorker("w");
    const r = makeRunnable(worker, {
      secrets: [
        {
          k8sName: "db",
          keys: ["password"],
          ref: { allKeys: true, consumptionType: "propFile", name: "db" },
          secret,
        },
      ],
    });
    for (const m of ["external-secrets", "existing"] as const) {
      const text = stringify(compile([r], [worker, secret], mode(m)).objects);
      expect(text).not.toContain(plaintextLooking);
      expect(text).not.toContain("keys/key.pem");
    }
  });
});

describe("Namespace", () => {
  test("one per workspace used, restricted and pinned", () => {
    const a = makeWorker("a", {}, "team-a");
    const { objects } = compile([makeRunnable(a)], [a, makeVolume("v", {}, "team-b")]);
    const namespaces = objects.filter((o) => o.object.kind === "Namespace");
    expect(namespaces.map((o) => [o.workspace, o.unit, o.object.metadata.name])).toEqual([
      ["team-a", "", "team-a"],
      ["team-b", "", "team-b"],
    ]);
    expect(namespaces[0]!.object.metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/enforce-version": "v1.30",
      "pod-security.kubernetes.io/warn": "restricted",
    });
    expect(kinds(objects)).toContain("Deployment");
  });
});
