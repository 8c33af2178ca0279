import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { standaloneValidatorsSource } from "../../src/validate/precompile.js";
import { RESOURCE_TYPES } from "../../src/validate/schemas/envelopes.js";
import { staticSchemas, type StaticSchema } from "../../src/validate/static-schemas.js";
import { mutate, mutationEdits } from "./mutate-document.js";

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv) => Ajv;

/** The generated module, evaluated the way CommonJS would load it. */
function loadPrecompiled(): ReadonlyMap<string, ValidateFunction> {
  const module = {
    exports: {} as { STANDALONE_VALIDATORS?: ReadonlyMap<string, ValidateFunction> },
  };
  const require = createRequire(import.meta.url);
  new Function("module", "exports", "require", standaloneValidatorsSource("cjs"))(
    module,
    module.exports,
    require,
  );
  return module.exports.STANDALONE_VALIDATORS!;
}

/** Validators compiled at run time with the options src/validate/ajv.ts uses. */
function runtimeValidators(): Map<string, ValidateFunction> {
  const ajv = addFormats(
    new Ajv({ allErrors: true, strict: false, verbose: true, allowUnionTypes: true }),
  );
  return new Map(staticSchemas().map((s: StaticSchema) => [s.$id, ajv.compile(s)]));
}

/** Every document of the example repository, as plain data: valid inputs to mutate. */
function exampleDocuments(): Array<Record<string, unknown>> {
  const root = path.resolve(import.meta.dirname, "../../resources");
  const files = [
    "analytics/orders-api.yaml",
    "retail/nightly-orders.yaml",
    "retail/orders-stream.yaml",
    "retail/volumes.yaml",
    "platform/depots.yaml",
    "platform/secrets.yaml",
    "platform/computes.yaml",
    "stacks/python-etl.yaml",
  ];
  return files.flatMap((f) =>
    parseAllDocuments(readFileSync(path.join(root, f), "utf8")).map(
      (d) => d.toJS() as Record<string, unknown>,
    ),
  );
}

const precompiled = loadPrecompiled();
const runtime = runtimeValidators();

/** Runs both validators of a schema over a value; returns [precompiled, run-time] outcomes. */
function both(id: string, value: unknown) {
  const a = precompiled.get(id)!;
  const b = runtime.get(id)!;
  const outcome = (v: ValidateFunction) => ({ valid: v(value), errors: v.errors ?? null });
  return [outcome(a), outcome(b)] as const;
}

describe("precompiled envelope validators", () => {
  it("cover every resource type and the included-job fragment", () => {
    expect([...precompiled.keys()].sort()).toEqual(
      [...RESOURCE_TYPES.map((t) => `stackyard:${t}`), "stackyard:job-fragment"].sort(),
    );
  });

  it("agree with the run-time validators on the example repository's documents", () => {
    let valid = 0;
    for (const doc of exampleDocuments()) {
      const [a, b] = both(`stackyard:${String(doc.type)}`, doc);
      expect(a).toEqual(b);
      if (a.valid) valid += 1;
    }
    // Most examples are canonical already (the rest use aliases that normalize rewrites).
    expect(valid).toBeGreaterThan(5);
  });

  it("report errors identical to the run-time validators, parentSchema included", () => {
    const docs = exampleDocuments();
    fc.assert(
      fc.property(fc.nat(docs.length - 1), mutationEdits, (index, edits) => {
        const doc = structuredClone(docs[index]!);
        for (const [pick, value, newKey] of edits) mutate(doc, pick, value, newKey);
        const [a, b] = both(`stackyard:${String(docs[index]!.type)}`, doc);
        expect(a).toEqual(b);
        const parents = (a.errors ?? []).map((e) => e.parentSchema);
        expect(parents.every((p) => p !== undefined)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
