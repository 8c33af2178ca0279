import type { ValidateFunction } from "ajv";
import { describe, expect, it, vi } from "vitest";
import { compileStackSchema } from "../../src/validate/stack-spec.js";
import { textHash } from "../../src/validate/text-hash.js";
import type { StackResource } from "../../src/validate/types.js";

const { PRECOMPILED_TEXT } = vi.hoisted(() => ({
  PRECOMPILED_TEXT: '{"type": "object", "required": ["precompiled"]}',
}));

// The bundle's generated module, stood in for by one known validator.
vi.mock("../../src/validate/standalone-stack-spec-validators.js", async () => {
  const { textHash: hash } = await import("../../src/validate/text-hash.js");
  const validate = Object.assign(() => true, { errors: null });
  return { STANDALONE_STACK_SPEC_VALIDATORS: new Map([[hash(PRECOMPILED_TEXT), validate]]) };
});

const stackWith = (jsonSchema: string) => ({ spec: { jsonSchema } }) as unknown as StackResource;

describe("compileStackSchema with precompiled validators", () => {
  it("uses the precompiled validator whose key is the hash of the schema text", () => {
    const { validate, diagnostics } = compileStackSchema(stackWith(PRECOMPILED_TEXT));
    expect(diagnostics).toEqual([]);
    // The stand-in accepts everything; the schema itself would reject {}.
    expect((validate as ValidateFunction)({})).toBe(true);
  });

  it("compiles any other schema at run time", () => {
    const { validate } = compileStackSchema(stackWith(`${PRECOMPILED_TEXT} `));
    expect(validate!({})).toBe(false);
    expect(validate!.errors?.[0]?.params).toEqual({ missingProperty: "precompiled" });
  });
});
