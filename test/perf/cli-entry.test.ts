import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";
import { SCHEMA_DIR_SHOWN_IN_HELP } from "../../src/cli/commands/schemas.js";
import { DEFAULT_SCHEMA_DIR } from "../../src/scaffold/editor-schemas.js";
import { requireBundle } from "../cli/run-stackyard.js";

requireBundle();

const ROOT = path.resolve(import.meta.dirname, "../..");
const ENTRY = "src/cli/main.ts";
/** Source bytes `--help` may load: the command table, help, option parsing, diagnostics. */
const ENTRY_BUDGET = 160_000;

/** The bundle's view of the sources: every input and what it imports, statically or not. */
async function inputs(): Promise<Metafile["inputs"]> {
  const result = await build({
    entryPoints: [path.join(ROOT, ENTRY)],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    splitting: true,
    format: "esm",
    platform: "node",
    outdir: "out",
    metafile: true,
    external: ["jq-web"],
    logLevel: "silent",
  });
  return result.metafile.inputs;
}

/** Every file the entry loads before running a command (static imports), with who imports it. */
function staticClosure(all: Metafile["inputs"]): Map<string, string | undefined> {
  const importer = new Map<string, string | undefined>([[ENTRY, undefined]]);
  const queue = [ENTRY];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const i of all[file]?.imports ?? []) {
      if (i.kind !== "import-statement" || i.external || importer.has(i.path)) continue;
      importer.set(i.path, file);
      queue.push(i.path);
    }
  }
  return importer;
}

/** `main.ts -> commands/index.ts -> …`, to say in a failure how a file got in. */
function chain(importer: Map<string, string | undefined>, file: string): string {
  const steps: string[] = [];
  for (let f: string | undefined = file; f !== undefined; f = importer.get(f)) steps.unshift(f);
  return steps.join(" -> ");
}

describe("the CLI entry (what --help, --version and usage errors load)", () => {
  it("imports no package and only a small part of the sources", async () => {
    const all = await inputs();
    const closure = staticClosure(all);
    const packages = [...closure.keys()].filter((f) => f.includes("node_modules/"));
    expect(packages.map((f) => chain(closure, f))).toEqual([]);
    const bytes = [...closure.keys()].reduce((sum, f) => sum + (all[f]?.bytes ?? 0), 0);
    expect(bytes).toBeLessThan(ENTRY_BUDGET);
    // Each stage a command needs is behind an import(): none of it is in the entry.
    const stages = ["src/compile/", "src/template/", "src/config/load", "src/scaffold/"];
    const heavy = [...closure.keys()].filter((f) => stages.some((s) => f.startsWith(s)));
    expect(heavy.map((f) => chain(closure, f))).toEqual([]);
  });

  it("shows the editor schema folder the scaffolder writes to", () => {
    expect(SCHEMA_DIR_SHOWN_IN_HELP).toBe(DEFAULT_SCHEMA_DIR);
  });
});

describe("the bundle in dist/", () => {
  const chunks = () => {
    const dir = path.join(ROOT, "dist/chunks");
    return readdirSync(dir)
      .filter((f) => f.endsWith(".js"))
      .map((f) => readFileSync(path.join(dir, f), "utf8"))
      .join("\n");
  };

  it("ships precompiled validators in place of every empty stand-in", () => {
    const code = chunks();
    expect(code).toMatch(/STANDALONE_VALIDATORS\s*=\s*new LazyValidators\w*\(\[\s*\["stackyard:/);
    expect(code).toMatch(
      /STANDALONE_CRD_VALIDATORS\s*=\s*new LazyValidators\w*\(\[\s*\["external-secrets\.io\//,
    );
    expect(code).toMatch(/STANDALONE_CONFIG_VALIDATOR\s*=\s*validateConfig\b/);
    expect(code).toMatch(/STANDALONE_STACK_SPEC_VALIDATORS\s*=\s*new LazyValidators\w*\(\[\s*\["/);
    expect(code).toMatch(/BUILTIN_STACK_SNAPSHOT\s*=\s*new Map\(JSON\.parse\(/);
  });
});
