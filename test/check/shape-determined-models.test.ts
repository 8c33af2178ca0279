// Audits SHAPE_DETERMINED_MODELS against the validators' generated code: the unknown-field
// check remembers per shape only for kinds whose validators read properties by shape alone.
import { readFileSync } from "node:fs";
import path from "node:path";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";
import { MODEL_LOADERS } from "../../src/check/k8s/models.js";
import { SHAPE_DETERMINED_MODELS } from "../../src/check/k8s/shape-determined-models.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Keywords whose generated code decides what to read next by a value: a branch of `anyOf`
 * read only when the first failed, `if`/`then`, deep equality for `uniqueItems` and `const`…
 */
const VALUE_BRANCHING =
  /keyword:"(anyOf|oneOf|if|not|contains|dependencies|dependentSchemas|dependentRequired|discriminator|uniqueItems|const|unevaluatedProperties|unevaluatedItems|propertyNames)"/;
/** A property read in ajv's generated code: `data.spec`, `data0["x"]`, `data1[i0]`. */
const PROPERTY_READ = /\bdata\d*(\.[A-Za-z_$]|\[)/;
/** Runtime helpers of the models (formats), not schemas. */
const HELPERS = "@kubernetes-models/validate/";

/** `apiVersion/kind` → the module its loader imports, read off models.ts. */
function specifiers(): Map<string, string> {
  const source = readFileSync(path.join(ROOT, "src/check/k8s/models.ts"), "utf8");
  const loaders = source.matchAll(/"([^"]+)": async \(\) =>\s*\(await import\("([^"]+)"\)\)/g);
  return new Map([...loaders].map((m) => [m[1]!, m[2]!]));
}

/** The import graph esbuild resolves from the model modules, as the bundle does. */
async function graph(specs: readonly string[]): Promise<Metafile["inputs"]> {
  const result = await build({
    stdin: {
      contents: specs.map((s, i) => `import * as m${i} from ${JSON.stringify(s)};`).join("\n"),
      resolveDir: ROOT,
      loader: "js",
    },
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    outdir: "audit-out",
    metafile: true,
    logLevel: "silent",
  });
  return result.metafile.inputs;
}

/** Why a module's reads could depend on values, or undefined when they cannot. */
function valueDependence(inputs: Metafile["inputs"], file: string): string | undefined {
  const code = readFileSync(path.join(ROOT, file), "utf8");
  const branching = VALUE_BRANCHING.exec(code);
  if (branching === null) return undefined;
  const schemaImports = inputs[file]!.imports.filter((i) => !i.path.includes(HELPERS));
  // A branch between scalar types (IntOrString, Quantity) reads nothing either way.
  if (!PROPERTY_READ.test(code) && schemaImports.length === 0) return undefined;
  return `${file}: ${branching[0]}`;
}

/** For each kind, the modules of its validator whose reads could depend on values. */
async function audit(): Promise<Map<string, string[]>> {
  const specs = specifiers();
  const keys = [...specs.keys()];
  const inputs = await graph(keys.map((k) => specs.get(k)!));
  const entryImports = inputs["<stdin>"]!.imports;
  const result = new Map<string, string[]>();
  keys.forEach((key, i) => {
    const start = entryImports[i]!.path;
    const seen = new Set([start]);
    const queue = [start];
    const reasons: string[] = [];
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
      const why = valueDependence(inputs, file);
      if (why !== undefined) reasons.push(why);
      for (const next of inputs[file]!.imports) {
        if (next.path in inputs && !seen.has(next.path)) {
          seen.add(next.path);
          queue.push(next.path);
        }
      }
    }
    result.set(key, reasons);
  });
  return result;
}

describe("SHAPE_DETERMINED_MODELS", () => {
  it("names loadable models only, and every loader's module is found", () => {
    expect([...SHAPE_DETERMINED_MODELS].filter((k) => !(k in MODEL_LOADERS))).toEqual([]);
    expect([...specifiers().keys()].sort()).toEqual(Object.keys(MODEL_LOADERS).sort());
  });

  it("is exactly the kinds whose validators read by shape alone (the audit of their code)", async () => {
    const audited = await audit();
    const shapeOnly = [...audited].filter(([, why]) => why.length === 0).map(([k]) => k);
    expect([...SHAPE_DETERMINED_MODELS].sort()).toEqual(shapeOnly.sort());
    // The audit sees what it looks for: Argo CD's Application has a value-dependent anyOf.
    expect(audited.get("argoproj.io/v1alpha1/Application")!.join()).toMatch(/anyOf/);
  }, 60_000);
});
