import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { builtinStackSpecValidatorsSource } from "../../src/build/precompile-stack-spec-validators.js";
import { snapshotBuiltinStacks } from "../../src/build/snapshot-builtin-stacks.js";
import { stackSpecValidatorsSource } from "../../src/validate/precompile.js";
import { textHash } from "../../src/validate/text-hash.js";
import { mutate, mutationEdits } from "./mutate-document.js";

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv) => Ajv;

type Validators = ReadonlyMap<string, ValidateFunction>;

/** A generated module, evaluated the way CommonJS would load it. */
function evaluate(source: string): Validators {
  const module = { exports: {} as { STANDALONE_STACK_SPEC_VALIDATORS?: Validators } };
  const require = createRequire(import.meta.url);
  new Function("module", "exports", "require", source)(module, module.exports, require);
  return module.exports.STANDALONE_STACK_SPEC_VALIDATORS!;
}

/** The built-in stacks' schema texts. */
const schemaTexts = [...snapshotBuiltinStacks().values()].flatMap((f) =>
  f.stacks.flatMap((s) => s.spec.jsonSchema ?? []),
);
const precompiled = evaluate(builtinStackSpecValidatorsSource("cjs"));

/** A schema compiled at run time with the options and `$id` removal of src/validate/. */
function runtimeValidator(text: string): ValidateFunction {
  const ajv = addFormats(
    new Ajv({ allErrors: true, strict: false, verbose: true, allowUnionTypes: true }),
  );
  const { $id: _id, id: _legacyId, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return ajv.compile(rest);
}

/** Every stackSpec of the example repository, as plain data: inputs to mutate. */
function exampleStackSpecs(): Array<Record<string, unknown>> {
  const root = path.resolve(import.meta.dirname, "../../resources");
  const found: Array<Record<string, unknown>> = [];
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== "object") return;
    for (const [key, child] of Object.entries(value)) {
      if (
        key === "stackSpec" &&
        child !== null &&
        typeof child === "object" &&
        !Array.isArray(child)
      )
        found.push(child as Record<string, unknown>);
      walk(child);
    }
  };
  const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) =>
    f.endsWith(".yaml"),
  );
  for (const f of files)
    for (const d of parseAllDocuments(readFileSync(path.join(root, f), "utf8"))) walk(d.toJS());
  return found;
}

describe("precompiled stackSpec validators", () => {
  it("cover every built-in stack's schema, keyed by the hash of its text", () => {
    expect(schemaTexts.length).toBeGreaterThan(10);
    expect([...precompiled.keys()].sort()).toEqual([...new Set(schemaTexts.map(textHash))].sort());
  });

  it("leave draft-04, broken and non-compiling schemas to run time", () => {
    const texts = [
      '{"$schema": "http://json-schema.org/draft-04/schema#", "type": "object"}',
      "{not json",
      "[1]",
      '{"type": "object", "properties": {"a": {"$ref": "#/definitions/missing"}}}',
      '{"type": "object", "required": ["a"]}',
    ];
    expect([...evaluate(stackSpecValidatorsSource(texts, "cjs")).keys()]).toEqual([
      textHash(texts[4]!),
    ]);
  });

  it("report errors identical to the run-time validators, parentSchema included", () => {
    const texts = [...new Set(schemaTexts)];
    const runtime = texts.map(runtimeValidator);
    const specs = exampleStackSpecs();
    expect(specs.length).toBeGreaterThan(5);
    let invalid = 0;
    fc.assert(
      fc.property(
        fc.nat(texts.length - 1),
        fc.nat(specs.length - 1),
        mutationEdits,
        (which, index, edits) => {
          const value = structuredClone(specs[index]!);
          for (const [pick, leaf, newKey] of edits) mutate(value, pick, leaf, newKey);
          const a = precompiled.get(textHash(texts[which]!))!;
          const b = runtime[which]!;
          const outcome = (v: ValidateFunction) => ({ valid: v(value), errors: v.errors ?? null });
          const [pa, pb] = [outcome(a), outcome(b)];
          expect(pa).toEqual(pb);
          if (!pa.valid) invalid += 1;
          expect((pa.errors ?? []).every((e) => e.parentSchema !== undefined)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
    expect(invalid).toBeGreaterThan(50);
  });
});
