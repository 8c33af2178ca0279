import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createJqRunner } from "../../src/resolve/jq.js";
import { evaluatePlainPath, plainPathSteps } from "../../src/resolve/jq-path.js";

const jq = createJqRunner();
afterAll(() => jq.close());

describe("plain-path jq filters", () => {
  it("recognises only paths of fields and iterators", () => {
    expect(plainPathSteps(".inputs[].dataset")).toEqual([
      { field: "inputs" },
      { iterate: true },
      { field: "dataset" },
    ]);
    expect(plainPathSteps(".")).toEqual([]);
    expect(plainPathSteps(".[]")).toEqual([{ iterate: true }]);
    for (const other of [
      ".a | .b",
      ".a[0]",
      ".a?",
      "[]",
      ".a[]?",
      "map(.x)",
      '."a"',
      ".a .b",
      "",
    ]) {
      expect(plainPathSteps(other), other).toBeUndefined();
    }
  });

  // The fast path must give exactly what real jq gives for `[(FILTER)?]`.
  const key = fc.constantFrom("a", "b", "inputs", "dataset");
  const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      fc.constant(null),
      fc.boolean(),
      fc.integer({ min: -5, max: 5 }),
      fc.constantFrom("dataos://a:b/c", "x"),
      fc.array(tie("value"), { maxLength: 3 }),
      fc.dictionary(key, tie("value"), { maxKeys: 3 }),
    ),
  })).value;
  const path = fc
    .array(
      fc.oneof(
        key.map((k) => `.${k}`),
        fc.constant("[]"),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((steps) => steps.join(""))
    .filter((f) => !f.startsWith("[]"));

  it("matches real jq on random data and paths", async () => {
    await fc.assert(
      fc.asyncProperty(json, path, async (input, filter) => {
        const steps = plainPathSteps(filter);
        expect(steps).toBeDefined();
        const real = await jq.run(`[(${filter})?]`, JSON.stringify(input));
        if (!real.ok) throw new Error(real.error);
        expect(evaluatePlainPath(steps!, input)).toEqual(JSON.parse(real.output));
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });
});
