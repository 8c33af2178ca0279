import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse, parseAllDocuments } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFiles } from "../fixtures/harness.js";
import { requireBundle, runStackyard } from "./run-stackyard.js";

requireBundle();

const ROOT = path.resolve(import.meta.dirname, "../..");
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (a: Ajv) => Ajv;

let repo: string;
let ajv: Ajv;
const schemaDir = () => path.join(repo, ".stackyard/schemas");
const url = (rel: string) => pathToFileURL(path.join(schemaDir(), rel)).href;
const validator = (rel: string): ValidateFunction => ajv.getSchema(url(rel))!;

/** The example repository's manifests and the built-in stacks, each document parsed. */
async function exampleDocuments(): Promise<Array<{ file: string; doc: Record<string, unknown> }>> {
  const files: string[] = [];
  for (const dir of ["resources", "stacks"]) {
    files.push(
      ...(await listFiles(path.join(ROOT, dir)))
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => `${dir}/${f}`),
    );
  }
  const out: Array<{ file: string; doc: Record<string, unknown> }> = [];
  for (const file of files) {
    const text = await readFile(path.join(ROOT, file), "utf8");
    for (const doc of parseAllDocuments(text))
      out.push({ file, doc: doc.toJS() as Record<string, unknown> });
  }
  return out;
}

beforeAll(async () => {
  repo = await mkdtemp(path.join(tmpdir(), "stackyard-schemas-"));
  await cp(path.join(ROOT, "resources"), path.join(repo, "resources"), { recursive: true });
  await cp(path.join(ROOT, "stackyard.yaml"), path.join(repo, "stackyard.yaml"));
  const run = await runStackyard(["schemas"], { cwd: repo });
  expect(run.code, run.stderr).toBe(0);
  ajv = addFormats(new Ajv({ strict: false, allErrors: true, allowUnionTypes: true }));
  for (const rel of await listFiles(schemaDir())) {
    ajv.addSchema(
      JSON.parse(await readFile(path.join(schemaDir(), rel), "utf8")) as object,
      url(rel),
    );
  }
});
afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe("stackyard schemas", () => {
  it("writes a schema per type, per stack and orchestrator, and the VS Code association", async () => {
    const files = await listFiles(schemaDir());
    expect(files).toEqual(
      expect.arrayContaining(["resource.json", "service.json", "workflow.json", "stackyard.json"]),
    );
    expect(files).toContain("stacks/container@1.0.service.json");
    expect(files).toContain("stacks/python-etl+python@1.0.worker.json"); // the repository's own stack
    const settings = JSON.parse(await readFile(path.join(repo, ".vscode/settings.json"), "utf8"));
    expect(settings["yaml.schemas"]).toEqual({
      "./.stackyard/schemas/resource.json": ["resources/**/*.yaml", "resources/**/*.yml"],
      "./.stackyard/schemas/stackyard.json": ["stackyard.yaml"],
    });
  });

  it("accepts every example resource, through resource.json and through its stack's schema", async () => {
    const docs = await exampleDocuments();
    expect(docs.length).toBeGreaterThan(8);
    const byType = validator("resource.json");
    for (const { file, doc } of docs) {
      expect(byType(doc), `${file}: ${ajv.errorsText(byType.errors)}`).toBe(true);
      const type = String(doc.type);
      const section = doc[type] as { stack?: string } | undefined;
      if ((type !== "worker" && type !== "service") || section?.stack === undefined) continue;
      const stackFiles = (await listFiles(schemaDir())).filter(
        (f) => f.startsWith("stacks/") && f.endsWith(`.${type}.json`),
      );
      const own = stackFiles.filter((f) => validator(f)(doc));
      expect(own.length, `${file}: no per-stack schema accepts it`).toBe(1);
    }
    const config: unknown = parse(await readFile(path.join(ROOT, "stackyard.yaml"), "utf8"));
    expect(validator("stackyard.json")(config)).toBe(true);
  });

  it("rejects what the compiler rejects: an unknown field, a stackSpec that breaks its stack's schema", async () => {
    const service = {
      name: "web",
      version: "v1",
      type: "service",
      service: {
        stack: "container:1.0",
        compute: "runnable-default",
        servicePrt: 80,
        stackSpec: { image: "x" },
      },
    };
    const byType = validator("resource.json");
    expect(byType(service)).toBe(false);
    const fixed = {
      ...service,
      service: { stack: "container", compute: "runnable-default", stackSpec: { imag: "x" } },
    };
    expect(byType(fixed)).toBe(false); // `image` is required by the container stack
    const good = {
      ...service,
      service: { stack: "container", compute: "runnable-default", stackSpec: { image: "x" } },
    };
    expect(byType(good), ajv.errorsText(byType.errors)).toBe(true);
    // Aliases the compiler accepts with a warning are no errors in the editor either.
    const aliased = {
      ...good,
      service: { ...good.service, autoscaling: { enabled: true }, logLevel: "info" },
    };
    expect(byType(aliased), ajv.errorsText(byType.errors)).toBe(true);
  });

  it("keeps the other VS Code settings and is stable when run again", async () => {
    const file = path.join(repo, ".vscode/settings.json");
    const settings = JSON.parse(await readFile(file, "utf8"));
    await writeFile(file, JSON.stringify({ ...settings, "editor.tabSize": 2 }, null, 2));
    const before = await readFile(path.join(schemaDir(), "workflow.json"), "utf8");
    const again = await runStackyard(["schemas"], { cwd: repo });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("(0 changed)");
    expect(JSON.parse(await readFile(file, "utf8"))["editor.tabSize"]).toBe(2);
    expect(await readFile(path.join(schemaDir(), "workflow.json"), "utf8")).toBe(before);
  });

  it("replaces what an earlier --out wrote in settings, keeps the user's entries; new follows", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "stackyard-schemas-out-"));
    try {
      await writeFile(path.join(dir, "stackyard.yaml"), "roots: [resources]\n");
      const file = path.join(dir, ".vscode/settings.json");
      expect((await runStackyard(["schemas", "--out", "a/schemas"], { cwd: dir })).code).toBe(0);
      const mine = {
        "./a/schemas/mine.json": ["other/*.yaml"],
        "https://example.com/ci.json": [".ci/*.yaml"],
      };
      const first = JSON.parse(await readFile(file, "utf8"));
      const schemas = { ...first["yaml.schemas"], ...mine };
      await writeFile(file, JSON.stringify({ "yaml.schemas": schemas }, null, 2));
      expect((await runStackyard(["schemas", "--out", "b"], { cwd: dir })).code).toBe(0);
      expect(JSON.parse(await readFile(file, "utf8"))["yaml.schemas"]).toEqual({
        ...mine,
        "./b/resource.json": ["resources/**/*.yaml", "resources/**/*.yml"],
        "./b/stackyard.json": ["stackyard.yaml"],
      });
      const created = await runStackyard(["new", "service", "orders"], { cwd: dir });
      expect(created.code, created.stderr).toBe(0);
      const text = await readFile(path.join(dir, "resources/orders.yaml"), "utf8");
      expect(text.split("\n")[0]).toBe(
        "# yaml-language-server: $schema=../b/stacks/container@1.0.service.json",
      );
      expect(await listFiles(dir)).not.toContain(".stackyard/schemas/resource.json");
      expect(Object.keys(JSON.parse(await readFile(file, "utf8"))["yaml.schemas"])).toEqual([
        ...Object.keys(mine),
        "./b/resource.json",
        "./b/stackyard.json",
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
