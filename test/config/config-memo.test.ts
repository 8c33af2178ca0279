import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CACHE_DIR, readChecked, writeChecked } from "../../src/build/build-cache.js";
import { loadConfigMemoized, outDirHint } from "../../src/build/config-memo.js";
import { loadConfig } from "../../src/config/load-config.js";
import { FULL_CONFIG } from "./full-config.js";

const ID = "9.9.9+memo-test";
let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "stackyard-config-memo-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

// With a comment after the outDir (the memo's lookup reads that line) and policies.
const FULL = `${FULL_CONFIG.replace("outDir: build/k8s/", "outDir: build/k8s/ # a comment")}policies:
  severity: { IMAGE_LATEST_TAG: error }
  allowedRegistries: [ghcr.io/acme]
`;
// The example of docs/gitops.md: clusters with their defaults filled in, and overrides.
const CLUSTERS = `clusters:
  - name: prod-eu
    engine: argocd
    repoURL: https://github.com/acme/platform.git
    ingress: {host: data.eu.example.com}
    overrides:
      - match: {type: service, workspace: retail, name: orders-api}
        set:
          service.replicas: 4
      - match: {type: worker, name: "consumer-*"}
        set:
          worker.compute: runnable-large
  - name: edge
    engine: flux
    repoURL: ssh://git@github.com/acme/platform.git
    branch: rendered/main
    workspaces: [retail]
    flux: {interval: 5m, prune: true, wait: true, timeout: 5m, secretRef: platform-deploy-key}
`;

/** Writes stackyard.yaml and gives its outDir a build cache folder, as a build leaves it. */
async function repoWith(text: string | undefined, outDir = "out"): Promise<string> {
  if (text !== undefined) await writeFile(path.join(root, "stackyard.yaml"), text);
  const cache = path.join(root, outDir, CACHE_DIR);
  await mkdir(cache, { recursive: true });
  return path.join(root, outDir);
}

/** Loads the config as a command does, then remembers it as a build that wrote out/ does. */
const memoized = async (trust = true, explicit?: string) => {
  const loaded = await loadConfigMemoized(root, explicit, ID, trust);
  await loaded.remember();
  return loaded;
};

/** Rewrites the memo's config, keeping its key: what a lookup then returns came from the memo. */
async function tamper(outDir: string, change: Record<string, unknown>): Promise<void> {
  const read = await readChecked(outDir, "config.json");
  const memo = read?.value as { config: Record<string, unknown> };
  await writeChecked(outDir, "config.json", { ...memo, config: { ...memo.config, ...change } });
}

describe("loadConfigMemoized", () => {
  it.each([
    ["every key set", FULL, "build/k8s"],
    ["clusters with overrides", CLUSTERS, "out"],
    ["an empty file", "", "out"],
    ["no stackyard.yaml", undefined, "out"],
  ])("gives exactly loadConfig's answer, parsed and then remembered (%s)", async (_, text, out) => {
    const outDir = await repoWith(text, out);
    const expected = await loadConfig(root);
    expect(expected.diagnostics).toEqual([]);
    const { remember, ...loaded } = await memoized();
    expect(loaded).toStrictEqual(expected);
    expect(await readChecked(outDir, "config.json")).toBeDefined();
    await tamper(outDir, { defaultWorkspace: "from-the-memo" });
    const second = await memoized();
    expect(second.config.defaultWorkspace).toBe("from-the-memo");
    await tamper(outDir, { defaultWorkspace: expected.config.defaultWorkspace });
    const { remember: nothing, ...third } = await memoized();
    expect(third).toStrictEqual(expected);
    await nothing();
    expect(await memoized()).toMatchObject({
      config: { defaultWorkspace: expected.config.defaultWorkspace },
    });
  });

  it("parses a text that differs from the memo's by one byte, and remembers it instead", async () => {
    const outDir = await repoWith(FULL, "build/k8s");
    await memoized();
    await tamper(outDir, { defaultWorkspace: "from-the-memo" });
    await writeFile(path.join(root, "stackyard.yaml"), `${FULL}\n`);
    expect((await memoized()).config.defaultWorkspace).toBe("data");
    expect((await memoized()).config.defaultWorkspace).toBe("data");
  });

  it("is not used under another compiler, with --no-cache, or when its checksum fails", async () => {
    const outDir = await repoWith(FULL, "build/k8s");
    await memoized();
    await tamper(outDir, { defaultWorkspace: "from-the-memo" });
    expect((await loadConfigMemoized(root, undefined, "other", true)).config.defaultWorkspace).toBe(
      "data",
    );
    await tamper(outDir, { defaultWorkspace: "from-the-memo" });
    expect((await memoized(false)).config.defaultWorkspace).toBe("data");
    // --no-cache parsed the text, and remembered what it parsed.
    expect((await memoized()).config.defaultWorkspace).toBe("data");
    await tamper(outDir, { defaultWorkspace: "from-the-memo" });
    const file = path.join(outDir, CACHE_DIR, "config.json");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace("from-the-memo", "from-the-disk"));
    expect((await memoized()).config.defaultWorkspace).toBe("data");
  });

  it("keys the memo by the file it was read from", async () => {
    const outDir = await repoWith(FULL, "build/k8s");
    await writeFile(path.join(root, "other.yaml"), FULL);
    await memoized();
    await tamper(outDir, { defaultWorkspace: "from-the-memo" });
    expect((await memoized(true, "other.yaml")).config.defaultWorkspace).toBe("data");
  });

  it("is written only where a build made the cache folder, and never for a config with errors", async () => {
    await writeFile(path.join(root, "stackyard.yaml"), "outDir: gen\n");
    const first = await memoized();
    expect(await readChecked(path.join(root, "gen"), "config.json")).toBeUndefined();
    // A first build calls remember once it has made the cache folder.
    await mkdir(path.join(root, "gen", CACHE_DIR), { recursive: true });
    await first.remember();
    expect(await readChecked(path.join(root, "gen"), "config.json")).toBeDefined();
    await rm(path.join(root, "gen"), { recursive: true });
    const outDir = await repoWith("outDir: gen\nstamp: sometimes\n", "gen");
    const broken = await memoized();
    expect(broken.diagnostics.map((d) => d.code)).toEqual(["CONFIG_INVALID"]);
    expect(await readChecked(outDir, "config.json")).toBeUndefined();
    expect((await memoized()).diagnostics).toEqual(broken.diagnostics);
  });

  it("is not written by loading alone: validate, check and a failing build write nothing", async () => {
    const outDir = await repoWith(FULL, "build/k8s");
    const loaded = await loadConfigMemoized(root, undefined, ID, true);
    expect(loaded.diagnostics).toEqual([]);
    expect(await readChecked(outDir, "config.json")).toBeUndefined();
  });

  it("never keeps a config whose override sets a secret's value, and masks that value", async () => {
    const text = `${CLUSTERS}    overrides:
      - match: {type: instance-secret, name: lakehouse}
        set: {instance-secret.data.AWS_SECRET_ACCESS_KEY: s3cr3t-value, instance-secret.acl: r}
`;
    const outDir = await repoWith(text);
    const loaded = await memoized();
    expect(loaded.diagnostics).toEqual([]);
    expect(await readChecked(outDir, "config.json")).toBeUndefined();
    const shown = loaded.sources.get("stackyard.yaml")!;
    expect(shown).toBe(text.replace("s3cr3t-value", "************"));
  });

  it("reports a missing --config every time, memo or not", async () => {
    await repoWith(undefined);
    await memoized();
    const missing = await memoized(true, "nowhere.yaml");
    expect(missing.diagnostics.map((d) => d.code)).toEqual(["FILE_UNREADABLE"]);
  });

  it("ignores a memo found where the hint points but written for another outDir", async () => {
    // `outDir` set in flow style: the hint says out/, the config says gen/.
    const text = "{outDir: gen, defaultWorkspace: data}\n";
    const outDir = await repoWith(text, "gen");
    await mkdir(path.join(root, "out", CACHE_DIR), { recursive: true });
    expect((await memoized()).config.outDir).toBe("gen");
    // Not written to gen/, where no lookup would find it.
    expect(await readChecked(outDir, "config.json")).toBeUndefined();
    const sha = (await import("../../src/emit/ownership-index.js")).sha256(text);
    const stray = { format: 1, compilerId: ID, file: "stackyard.yaml", text: sha };
    const out = path.join(root, "out");
    await writeChecked(out, "config.json", { ...stray, config: { outDir: "gen", oops: true } });
    expect((await memoized()).config).toStrictEqual((await loadConfig(root)).config);
  });
});

describe("outDirHint", () => {
  it.each([
    ["roots: [a]\n", "out"],
    ["outDir: gen\n", "gen"],
    ["outDir: build/k8s/   # where Argo CD looks\n", "build/k8s/"],
    ['outDir: "quoted dir"\n', undefined],
    ["outDir: 'gen'\r\nroots: [a]\r\n", "gen"],
    ['outDir: "gen"\n', "gen"],
    ["outDir: gen\noutDir: other\n", undefined],
    ["outDir:\n", undefined],
    ["nested:\n  outDir: gen\n", "out"],
  ])("%j → %s", (text, hint) => {
    expect(outDirHint(text)).toBe(hint);
  });
});
