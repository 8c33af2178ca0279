import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, loadConfig } from "../../src/config/index.js";
import { FULL_CONFIG } from "./full-config.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "stackyard-config-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("loadConfig", () => {
  it("gives a repository without stackyard.yaml the defaults, silently", async () => {
    const loaded = await loadConfig(root);
    expect(loaded).toEqual({ config: DEFAULT_CONFIG, diagnostics: [], sources: new Map() });
  });

  it("reads every key, normalizes paths and keeps the always-excluded folders", async () => {
    await writeFile(path.join(root, "stackyard.yaml"), FULL_CONFIG);
    const { config, diagnostics, sources } = await loadConfig(root);
    expect(diagnostics).toEqual([]);
    expect(sources.get("stackyard.yaml")).toBe(FULL_CONFIG);
    expect(config).toEqual({
      roots: ["resources", "stacks"],
      exclude: ["build/k8s/**", "**/node_modules/**", "**/.git/**", ".github/**", "**/drafts/**"],
      outDir: "build/k8s",
      // Where the value is, for a diagnostic about the folder (an out dir that is a file).
      outDirAt: {
        file: "stackyard.yaml",
        range: {
          start: FULL_CONFIG.indexOf("build/k8s/"),
          end: FULL_CONFIG.indexOf("build/k8s/") + "build/k8s/".length,
        },
      },
      cluster: "prod-eu",
      clusters: [],
      defaultWorkspace: "data",
      stamp: "hash",
      secrets: {
        mode: "external-secrets",
        externalSecrets: { storeName: "vault", storeKind: "SecretStore", refreshInterval: "15m" },
      },
      ingress: {
        flavor: "gateway",
        className: "cilium",
        host: "data.example.com",
        tls: { secretName: "data-tls" },
        gateway: { name: "shared", namespace: "gateway-system", sectionName: "https" },
      },
      builtinStacks: false,
      platform: {
        fqdn: "data.example.com",
        logLevel: "DEBUG",
        env: { TZ: "UTC", HTTP_PROXY: "http://proxy:3128" },
        metadataServer: "https://metadata.example.com/api",
      },
      limits: { maxFileBytes: 1048576 },
      policies: DEFAULT_CONFIG.policies,
      observability: DEFAULT_CONFIG.observability,
      strict: false,
    });
  });

  it("merges a partial mapping with the defaults key by key", async () => {
    await writeFile(
      path.join(root, "stackyard.yaml"),
      "secrets:\n  externalSecrets:\n    storeName: vault\n",
    );
    const { config } = await loadConfig(root);
    expect(config.secrets).toEqual({
      mode: "external-secrets",
      externalSecrets: {
        storeName: "vault",
        storeKind: "ClusterSecretStore",
        refreshInterval: "1h",
      },
    });
  });

  it("treats an empty or comment-only file as the defaults", async () => {
    await writeFile(path.join(root, "stackyard.yaml"), "# nothing to change yet\n");
    expect(await loadConfig(root)).toMatchObject({ config: DEFAULT_CONFIG, diagnostics: [] });
  });

  it("resolves an explicit path against the root and reports it repository-relative", async () => {
    await mkdir(path.join(root, "ci"));
    await writeFile(path.join(root, "ci/prod.yaml"), "cluster: Prod\n");
    const { diagnostics, sources } = await loadConfig(root, "ci/prod.yaml");
    expect([...sources.keys()]).toEqual(["ci/prod.yaml"]);
    expect(diagnostics.map((d) => [d.code, d.file, d.range])).toEqual([
      ["CONFIG_INVALID", "ci/prod.yaml", { start: 9, end: 13 }],
    ]);
  });

  it("reports an explicit path that does not exist", async () => {
    const { config, diagnostics } = await loadConfig(root, "nope.yaml");
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(diagnostics).toMatchObject([
      {
        code: "FILE_UNREADABLE",
        severity: "error",
        message: "config file nope.yaml does not exist",
      },
    ]);
  });

  it("refuses a directory and a file that is not UTF-8", async () => {
    await mkdir(path.join(root, "stackyard.yaml"));
    expect((await loadConfig(root)).diagnostics.map((d) => d.code)).toEqual(["FILE_UNREADABLE"]);
    await writeFile(path.join(root, "bad.yaml"), Buffer.from([0x63, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    expect((await loadConfig(root, "bad.yaml")).diagnostics.map((d) => d.code)).toEqual([
      "FILE_NOT_TEXT",
    ]);
  });

  it("refuses a root inside outDir, which no build would read, at the root", async () => {
    const cases: Array<[config: string, roots: string[]]> = [
      ["roots: [resources]\noutDir: resources\n", ["resources"]],
      ["roots: [stacks, out/manifests]\n", ["out/manifests"]],
      ["roots: [deploy/manifests, stacks]\noutDir: deploy\n", ["deploy/manifests"]],
    ];
    for (const [text, inside] of cases) {
      await writeFile(path.join(root, "stackyard.yaml"), text);
      const { diagnostics } = await loadConfig(root);
      expect(
        diagnostics.map((d) => [d.code, d.message]),
        text,
      ).toEqual(
        inside.map((r) => [
          "CONFIG_INVALID",
          expect.stringContaining(`root "${r}" is inside outDir`),
        ]),
      );
      const at = diagnostics[0]!.range!;
      expect(text.slice(at.start, at.end)).toBe(inside[0]);
    }
    // A root that holds outDir is the usual layout: the scan leaves outDir out.
    for (const text of ["roots: [.]\noutDir: out\n", "roots: [outside]\noutDir: out\n"]) {
      await writeFile(path.join(root, "stackyard.yaml"), text);
      expect((await loadConfig(root)).diagnostics, text).toEqual([]);
    }
  });

  it("returns a fresh copy each time, never the shared defaults", async () => {
    const a = await loadConfig(root);
    a.config.roots.push("mutated");
    expect((await loadConfig(root)).config.roots).toEqual(["."]);
    expect(Object.isFrozen(DEFAULT_CONFIG.roots)).toBe(true);
  });
});
