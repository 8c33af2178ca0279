import { createHash } from "node:crypto";
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  unlink,
  utimes,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { editedSinceRecord, examineBuild, type CacheKey } from "../../src/build/build-cache.js";
import { compilerIdentity } from "../../src/cli/compiler-id.js";
import { VERSION } from "../../src/cli/version.js";
import { loadConfig } from "../../src/config/load-config.js";
import { INDEX_PATH, parseIndex } from "../../src/emit/ownership-index.js";
import { MARK, markRecord, summaryLine } from "./cache-record.js";
import { requireBundle, runStackyard } from "./run-stackyard.js";

requireBundle();

// `noAuthentication: false` draws a FIELD_APPROXIMATED warning: a diagnostic the cache replays.
const SERVICE = (tag: string) => `name: web
version: v1
type: service
workspace: shop
service:
  servicePort: 8080
  ingress: {enabled: true, path: /web, noAuthentication: false}
  stack: container
  compute: runnable-default
  stackSpec:
    image: ghcr.io/acme/web:${tag}
`;

const WORKER = `name: feed
version: v1beta
type: worker
workspace: shop
worker:
  stack: container
  compute: runnable-default
  stackSpec:
    image: ghcr.io/acme/feed:2.0.0
`;

let repo: string;
const record = () => path.join(repo, "out/.stackyard/cache/build.json");
const build = (...args: string[]) => runStackyard(["build", ...args], { cwd: repo });

/** Sets a file's times well in the past, so the cache may trust its stat. */
async function age(rel: string): Promise<void> {
  const past = new Date(Date.now() - 60_000);
  await utimes(path.join(repo, rel), past, past);
}

beforeEach(async () => {
  repo = await mkdtemp(path.join(tmpdir(), "stackyard-cache-"));
  await mkdir(path.join(repo, "resources"));
  await writeFile(path.join(repo, "stackyard.yaml"), "roots: [resources]\n");
  await writeFile(path.join(repo, "resources/web.yaml"), SERVICE("1.0.0"));
  await writeFile(path.join(repo, "resources/feed.yaml"), WORKER);
  for (const rel of ["stackyard.yaml", "resources/web.yaml", "resources/feed.yaml"]) await age(rel);
  const first = await build();
  expect(first.code, first.stderr).toBe(0);
  expect(first.stderr).toMatch(/FIELD_APPROXIMATED/);
  await markRecord(repo);
});
afterEach(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe("the build cache", () => {
  it("answers an unchanged repository with the last build's diagnostics and excerpts", async () => {
    const run = await build();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(MARK);
    expect(run.stderr).toContain("noAuthentication: false"); // the excerpt, from the record
    expect(run.stderr).toMatch(
      /built 2 resources → \d+ objects in out\/ \(0 written, \d+ unchanged/,
    );
  });

  it("is ignored by git: its stats are machine-specific", async () => {
    const ignore = await readFile(path.join(repo, "out/.stackyard/cache/.gitignore"), "utf8");
    expect(ignore.split("\n")).toContain("*");
  });

  it("trusts a touched file whose content did not change", async () => {
    const file = path.join(repo, "resources/web.yaml");
    await utimes(file, new Date(), new Date(Date.now() + 5_000));
    const run = await build();
    expect(run.stderr).toContain(MARK);
  });

  it("compiles again when a manifest changes, and writes the change", async () => {
    await writeFile(path.join(repo, "resources/web.yaml"), SERVICE("1.0.1"));
    const run = await build();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain(MARK);
    expect(run.stderr).toMatch(/FIELD_APPROXIMATED/);
    const deployment = await readFile(
      path.join(repo, "out/default/shop/service-web/deployment-web-d.yaml"),
      "utf8",
    );
    expect(deployment).toContain("ghcr.io/acme/web:1.0.1");
  });

  it("re-reads a file changed within the timestamp granularity of its read (racy)", async () => {
    // Written just before the build: same size and mtime afterwards prove nothing.
    // Whole seconds, so that utimes can restore the very same mtime afterwards.
    const file = path.join(repo, "resources/web.yaml");
    const now = Math.floor(Date.now() / 1000);
    await writeFile(file, SERVICE("1.0.0"));
    await utimes(file, now, now);
    expect((await build("--no-cache")).code).toBe(0);
    await markRecord(repo);
    const before = await stat(file);
    await writeFile(file, SERVICE("9.9.9")); // same length
    await utimes(file, now, now);
    const after = await stat(file);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
    const run = await build();
    expect(run.stderr).not.toContain(MARK);
    const deployment = await readFile(
      path.join(repo, "out/default/shop/service-web/deployment-web-d.yaml"),
      "utf8",
    );
    expect(deployment).toContain("ghcr.io/acme/web:9.9.9");
  });

  it("compiles an added manifest, and keeps the other files' diagnostics from the record", async () => {
    await writeFile(path.join(repo, "resources/feed2.yaml"), WORKER.replace("feed", "feed2"));
    const run = await build();
    // An incremental build: only the new file is compiled; web.yaml's warning is its own and
    // is kept as the last build recorded it (see src/build/incremental.ts).
    expect(run.stderr).toMatch(/built 3 resources \(1 recompiled\)/);
    expect(run.stderr).toContain(MARK);
    expect(await readdir(path.join(repo, "out/default/shop"))).toContain("worker-feed2");
  });

  it("compiles again when stackyard.yaml changes", async () => {
    // Not `strict: true`: under CI=true the effective config is strict already (the same key).
    await writeFile(
      path.join(repo, "stackyard.yaml"),
      "roots: [resources]\ndefaultWorkspace: shop\n",
    );
    const run = await build();
    expect(run.stderr).not.toContain(MARK);
  });

  it("stays a hit when stackyard.yaml changes only in what the build does not see", async () => {
    // The key is the effective configuration, not the file's bytes.
    await writeFile(
      path.join(repo, "stackyard.yaml"),
      "# the platform's repo\nroots: [resources]\n",
    );
    const run = await build();
    expect(run.stderr).toContain(MARK);
  });

  it("reads stackyard.yaml from its memo while the text is unchanged, and anew when it changes", async () => {
    const memo = path.join(repo, "out/.stackyard/cache/config.json");
    // The first build kept it once it had made the cache folder.
    const text = await readFile(memo, "utf8");
    // A memo made to say another cluster (with its checksum, so it is trusted) is used…
    const body = text.slice(65).replace('"cluster":"default"', '"cluster":"from-the-memo"');
    expect(body).not.toBe(text.slice(65));
    await writeFile(memo, `${createHash("sha256").update(body).digest("hex")}\n${body}`);
    let run = await build();
    expect(run.code, run.stderr).toBe(0);
    expect(await readdir(path.join(repo, "out"))).toContain("from-the-memo");
    // …but not by --no-cache, which parses the file (and keeps what it parsed)…
    run = await build("--no-cache");
    expect(await readdir(path.join(repo, "out"))).not.toContain("from-the-memo");
    expect(await readFile(memo, "utf8")).toBe(text);
    // …and not once the file changes, even by a comment.
    await writeFile(memo, `${createHash("sha256").update(body).digest("hex")}\n${body}`);
    await writeFile(path.join(repo, "stackyard.yaml"), "roots: [resources] # edited\n");
    run = await build();
    expect(await readdir(path.join(repo, "out"))).not.toContain("from-the-memo");
  });

  it("restores a generated file that was deleted or edited in out/", async () => {
    const deployment = path.join(repo, "out/default/shop/worker-feed/deployment-feed-d.yaml");
    const original = await readFile(deployment, "utf8");
    await writeFile(deployment, original.replace("feed:2.0.0", "feed:6.6.6"));
    let run = await build();
    expect(run.stderr).not.toContain(MARK);
    expect(await readFile(deployment, "utf8")).toBe(original);
    await markRecord(repo);
    await rm(deployment);
    run = await build();
    expect(run.stderr).not.toContain(MARK);
    expect(await readFile(deployment, "utf8")).toBe(original);
  });

  it("ignores a corrupt record and replaces it", async () => {
    const text = await readFile(record(), "utf8");
    await writeFile(record(), text.replace(MARK, "tampered without a new checksum"));
    let run = await build();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain("tampered");
    await writeFile(record(), "{ not json");
    run = await build();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/build\.json|cache/);
    const fresh = await readFile(record(), "utf8");
    expect(fresh.slice(0, 64)).toBe(createHash("sha256").update(fresh.slice(65)).digest("hex"));
  });

  it("compiles with --no-cache, and records that build", async () => {
    const run = await build("--no-cache");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain(MARK);
    expect(run.stderr).toMatch(/FIELD_APPROXIMATED/);
    expect(await readFile(record(), "utf8")).not.toContain(MARK);
  });

  it("is not recorded by a failing build, and the previous out/ stays", async () => {
    await writeFile(
      path.join(repo, "resources/web.yaml"),
      SERVICE("1.0.0").replace("container", "containr"),
    );
    const run = await build();
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/UNKNOWN_STACK/);
    // The record still describes the last good build, whose inputs no longer match.
    expect(await readFile(record(), "utf8")).toContain(MARK);
    await writeFile(path.join(repo, "resources/web.yaml"), SERVICE("1.0.0"));
    await age("resources/web.yaml");
    expect((await build()).stderr).toContain(MARK);
  });
});

describe("validate and check of an unchanged repository", () => {
  it("report the recorded diagnostics, under the paths asked for", async () => {
    const validateWeb = await runStackyard(["validate", "resources/web.yaml"], { cwd: repo });
    expect(validateWeb.code, validateWeb.stderr).toBe(0);
    expect(validateWeb.stderr).toContain(MARK);
    const validateFeed = await runStackyard(["validate", "resources/feed.yaml"], { cwd: repo });
    expect(validateFeed.stderr).not.toContain(MARK);
    expect(validateFeed.stderr).not.toMatch(/FIELD_APPROXIMATED/);
    const check = await runStackyard(["check"], { cwd: repo });
    expect(check.code, check.stderr).toBe(0);
    expect(check.stderr).toContain(MARK);
  });

  it("compile when a file changed, so an edit is always validated", async () => {
    await writeFile(
      path.join(repo, "resources/web.yaml"),
      SERVICE("1.0.0").replace("servicePort: 8080", "servicePort: many"),
    );
    const run = await runStackyard(["validate", "resources/web.yaml"], { cwd: repo });
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain(MARK);
    expect(run.stderr).toMatch(/servicePort/);
    const check = await runStackyard(["check"], { cwd: repo });
    expect(check.code).toBe(1);
  });
});

describe("out/ rewritten with the same bytes (a checkout, a CI cache restored)", () => {
  /** Every file of out/ but the cache gets a new mtime, as a checkout gives it. */
  async function rewriteTimes(only?: string): Promise<void> {
    const later = new Date(Date.now() + 3_600_000);
    const out = path.join(repo, "out");
    const files =
      only === undefined
        ? (await readdir(out, { recursive: true, withFileTypes: true }))
            .filter((e) => e.isFile())
            .map((e) => path.join(e.parentPath, e.name))
            .filter((f) => !f.includes(`${path.sep}cache${path.sep}`))
        : [path.join(out, only)];
    expect(files.length).toBeGreaterThan(only === undefined ? 5 : 0);
    for (const f of files) await utimes(f, later, later);
  }

  it("is a hit: the index vouches for every file's bytes, the record for the index's", async () => {
    await rewriteTimes();
    const run = await build();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(MARK);
    expect(summaryLine(run.stderr)).toMatch(/\(0 written, \d+ unchanged, 0 pruned\)/);
    // The stats out/ has now are recorded: the next lookup is a hit by stats alone.
    expect((await build()).stderr).toContain(MARK);
  });

  it("with an edited manifest, is an incremental build", async () => {
    await rewriteTimes();
    await writeFile(path.join(repo, "resources/web.yaml"), SERVICE("1.0.1"));
    const run = await build();
    expect(run.code, run.stderr).toBe(0);
    expect(summaryLine(run.stderr)).toMatch(/\(1 recompiled\)/);
    const deployment = path.join(repo, "out/default/shop/service-web/deployment-web-d.yaml");
    expect(await readFile(deployment, "utf8")).toContain("ghcr.io/acme/web:1.0.1");
    // A compile from scratch agrees with what the incremental build wrote.
    await rm(path.join(repo, "out/.stackyard/cache"), { recursive: true });
    const check = await runStackyard(["check"], { cwd: repo });
    expect(check.code, check.stderr).toBe(0);
  });

  it("is not trusted when one file's bytes differ, even of the same size", async () => {
    const deployment = path.join(repo, "out/default/shop/worker-feed/deployment-feed-d.yaml");
    const original = await readFile(deployment, "utf8");
    await rewriteTimes();
    await writeFile(deployment, original.replace("feed:2.0.0", "feed:6.6.6"));
    const run = await build();
    expect(run.stderr).not.toContain(MARK);
    expect(await readFile(deployment, "utf8")).toBe(original);
  });

  it("is not trusted when the index's bytes differ", async () => {
    const index = path.join(repo, "out", INDEX_PATH);
    const text = await readFile(index, "utf8");
    // The same size and entries, other bytes: the record vouches for the bytes it saw.
    const edited = text.replace(/"compilerVersion": "\d/, '"compilerVersion": "9');
    expect(edited).not.toBe(text);
    await writeFile(index, edited);
    await rewriteTimes();
    expect((await build()).stderr).not.toContain(MARK);
    expect(await readFile(index, "utf8")).toBe(text);
  });

  it("validate needs only the index to be as written", async () => {
    await rewriteTimes(INDEX_PATH);
    const run = await runStackyard(["validate"], { cwd: repo });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(MARK);
  });
});

describe("examineBuild, called directly on a record a real build wrote", () => {
  /** The key the CLI computes (src/cli/main.ts): the bundle's identity and the loaded config. */
  async function cliKey(): Promise<CacheKey> {
    const entry = path.resolve(import.meta.dirname, "../../dist/stackyard.js");
    const { config } = await loadConfig(repo);
    return {
      compilerId: compilerIdentity(VERSION, pathToFileURL(entry).href),
      // As loadRepoConfig does under CI=true, which the CLI processes inherit.
      config: process.env["CI"] === "true" ? { ...config, strict: true } : config,
    };
  }
  const examine = async (options?: { outputs?: "all" | "index" }) =>
    examineBuild(repo, await cliKey(), options);
  const stale = async (options?: { outputs?: "all" | "index" }) => {
    const found = await examine(options);
    if (found === undefined || !("stale" in found))
      throw new Error(`expected a stale build, got ${JSON.stringify(found && Object.keys(found))}`);
    return found.stale;
  };
  /** An owned object file of out/ (not the index, not a kustomization). */
  async function objectFile(): Promise<string> {
    const index = parseIndex(await readFile(path.join(repo, "out", INDEX_PATH), "utf8"));
    if (typeof index === "string") throw new Error(index);
    const found = index.files.find((f) => /\/worker-feed\/deployment-[^/]*\.yaml$/.test(f.path));
    expect(found).toBeDefined();
    return path.join(repo, "out", found!.path);
  }
  const editWeb = () => writeFile(path.join(repo, "resources/web.yaml"), SERVICE("1.0.1"));

  it("is a hit for the unchanged repository (so the key is the CLI's)", async () => {
    const found = await examine();
    expect(found !== undefined && "hit" in found).toBe(true);
    expect(await examine({ outputs: "index" })).toHaveProperty("hit");
  });

  it("names an edited manifest in `changed`", async () => {
    await editWeb();
    expect(await stale()).toMatchObject({
      changed: ["resources/web.yaml"],
      added: [],
      removed: [],
      outDir: path.join(repo, "out"),
    });
  });

  it("names a new manifest in `added`", async () => {
    await writeFile(
      path.join(repo, "resources/more.yaml"),
      WORKER.replace("name: feed", "name: more"),
    );
    expect(await stale()).toMatchObject({
      changed: [],
      added: ["resources/more.yaml"],
      removed: [],
    });
  });

  it("names a deleted manifest in `removed`, not only in `changed`", async () => {
    await unlink(path.join(repo, "resources/feed.yaml"));
    const found = await stale();
    expect(found.removed).toEqual(["resources/feed.yaml"]);
    expect(found.added).toEqual([]);
    expect(found.changed.filter((f) => f !== "resources/feed.yaml")).toEqual([]);
  });

  it("records the racy inputs time has settled, also when the build is stale", async () => {
    // A build right after a checkout: its inputs were written within the racy window.
    const now = new Date();
    for (const rel of ["resources/web.yaml", "resources/feed.yaml"])
      await utimes(path.join(repo, rel), now, now);
    expect((await build("--no-cache")).code).toBe(0);
    type Entry = [string, number, number, string | null, 0 | 1];
    const racy = async () => {
      const text = await readFile(record(), "utf8");
      const body = JSON.parse(text.slice(text.indexOf("\n") + 1)) as { inputs: Entry[] };
      return body.inputs.filter((e) => e[4] === 1).map((e) => e[0]);
    };
    expect(await racy()).toEqual(["resources/feed.yaml", "resources/web.yaml"]);
    // Time passes (the files' mtimes move back), and web.yaml is edited: a stale lookup.
    await age("resources/feed.yaml");
    await editWeb();
    const found = await stale();
    expect(found.changed).toEqual(["resources/web.yaml"]);
    expect(found.record.inputs.filter((e) => e[4] === 1).map((e) => e[0])).toEqual([
      "resources/web.yaml",
    ]);
    expect(await racy()).toEqual(["resources/web.yaml"]);
  });

  it("is undefined, not stale, when an out/ file was edited too", async () => {
    await editWeb();
    expect(await stale()).toBeDefined();
    const object = await objectFile();
    await writeFile(object, `${await readFile(object, "utf8")}# edited by hand\n`);
    expect(await examine()).toBeUndefined();
  });

  it("is undefined when an out/ file was edited and the inputs were not (never a hit)", async () => {
    const object = await objectFile();
    await writeFile(object, `${await readFile(object, "utf8")}# edited by hand\n`);
    expect(await examine()).toBeUndefined();
  });

  it("with `outputs: index`, ignores an edited object file but not an edited index", async () => {
    await editWeb();
    const object = await objectFile();
    await writeFile(object, `${await readFile(object, "utf8")}# edited by hand\n`);
    expect(await stale({ outputs: "index" })).toMatchObject({ changed: ["resources/web.yaml"] });
    const index = path.join(repo, "out", INDEX_PATH);
    await writeFile(index, `${await readFile(index, "utf8")} `);
    expect(await examine({ outputs: "index" })).toBeUndefined();
  });

  it("editedSinceRecord tells a named file saved after the record from one saved before", async () => {
    const edited = (paths?: string[]) => editedSinceRecord(repo, "out", paths);
    expect(edited(["resources/web.yaml", "resources/feed.yaml"])).toBe(false);
    // Folders and files that are not there say nothing.
    expect(edited(["resources", "resources/nope.yaml"])).toBe(false);
    expect(edited(undefined)).toBe(false);
    const later = new Date((await stat(record())).mtimeMs + 5000);
    await utimes(path.join(repo, "resources/web.yaml"), later, later);
    expect(edited(["resources/feed.yaml"])).toBe(false);
    expect(edited(["resources/feed.yaml", "resources/web.yaml"])).toBe(true);
    await rm(path.join(repo, "out/.stackyard/cache"), { recursive: true });
    expect(edited(["resources/web.yaml"])).toBe(false);
  });

  it("validate of an edited manifest succeeds though an out/ file was edited by hand", async () => {
    await editWeb();
    const object = await objectFile();
    await writeFile(object, `${await readFile(object, "utf8")}# edited by hand\n`);
    const run = await runStackyard(["validate"], { cwd: repo });
    expect(run.code, run.stderr).toBe(0);
  });
});
