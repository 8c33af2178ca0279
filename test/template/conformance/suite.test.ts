// The conformance suite's own machinery: recorded generated cases, case loading, comparison.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { compareOutcome } from "./compare-outcome.js";
import {
  RECORDED_COUNT,
  RECORDED_SEED,
  generateCases,
  generatedCaseFile,
} from "./generate-cases.js";
import { loadCases, parseCaseFile } from "./load-cases.js";
import { CASES_DIR } from "./record-expected.js";

// In update mode conformance.test.ts is rewriting generated.yaml concurrently.
const updating = process.env.STACKYARD_UPDATE_GOLDEN === "1";

describe("generated cases", () => {
  it.skipIf(updating)("cases/generated.yaml is exactly what the recorded seed generates", () => {
    const text = generatedCaseFile(generateCases(RECORDED_SEED, RECORDED_COUNT));
    expect(readFileSync(join(CASES_DIR, "generated.yaml"), "utf8")).toBe(text);
  });

  it.skipIf(updating)("survive the trip through the YAML case file byte for byte", () => {
    const generated = generateCases(RECORDED_SEED, RECORDED_COUNT);
    const loaded = parseCaseFile(join(CASES_DIR, "generated.yaml"));
    expect(loaded.map(({ template, data }) => ({ template, data }))).toEqual(
      generated.map(({ template, data }) => ({ template, data })),
    );
  });

  it("depend on the seed alone", () => {
    expect(generateCases(7, 20)).toEqual(generateCases(7, 20));
    expect(generateCases(7, 20)).not.toEqual(generateCases(8, 20));
  });
});

describe("case files", () => {
  let dir = "";
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function caseDir(files: Record<string, string>): string {
    dir = mkdtempSync(join(tmpdir(), "stackyard-conformance-"));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }

  it("prefix ids with the file stem and keep optional fields", () => {
    const d = caseDir({
      "a.yaml": "cases:\n  - {id: one, template: x, missingKey: error, knownDifference: why}\n",
    });
    expect(loadCases(d)).toEqual([
      { id: "a/one", template: "x", data: "", missingKey: "error", knownDifference: "why" },
    ]);
  });

  it("reject unknown fields, duplicate ids and reasonless known differences", () => {
    expect(() =>
      loadCases(caseDir({ "a.yaml": "cases:\n  - {id: x, template: t, dat: y}\n" })),
    ).toThrow(/unknown field "dat"/);
    expect(() =>
      loadCases(
        caseDir({ "b.yaml": "cases:\n  - {id: x, template: t}\n  - {id: x, template: u}\n" }),
      ),
    ).toThrow(/duplicate conformance case id b\/x/);
    expect(() =>
      loadCases(caseDir({ "c.yaml": "cases:\n  - {id: x, template: t, knownDifference: ''}\n" })),
    ).toThrow(/must give the reason/);
  });

  it("cover at least fifteen topics", () => {
    const topics = new Set(loadCases(CASES_DIR).map((c) => c.id.split("/")[0]));
    expect(topics.size).toBeGreaterThanOrEqual(15);
  });
});

describe("compareOutcome", () => {
  const goOk = { ok: true, output: "a" };
  const goExec = { ok: false, errorKind: "exec" as const, error: "template: t:1:2: boom" };

  it("needs identical output when Go succeeds", () => {
    expect(compareOutcome(goOk, { ok: true, output: "a" }, "exact")).toBeUndefined();
    expect(compareOutcome(goOk, { ok: true, output: "a " }, "exact")).toMatch(/output differs/);
    expect(compareOutcome(goOk, { ok: false, kind: "exec", message: "x" }, "exact")).toMatch(
      /engine threw/,
    );
  });

  it("needs the same error class, and the same text under the exact policy", () => {
    expect(
      compareOutcome(goExec, { ok: false, kind: "parse", message: goExec.error }, "exact"),
    ).toMatch(/error class differs/);
    expect(compareOutcome(goExec, { ok: false, kind: "exec", message: "other" }, "exact")).toMatch(
      /error message differs/,
    );
    expect(
      compareOutcome(goExec, { ok: false, kind: "exec", message: "other" }, "class-only"),
    ).toBeUndefined();
    expect(compareOutcome(goExec, { ok: true, output: "" }, "exact")).toMatch(/engine rendered/);
  });

  it("accepts the engine's refused kind exactly where Go called a refused function", () => {
    const goRefused = {
      ok: false,
      errorKind: "exec" as const,
      error:
        'error calling now: function "now" is refused: stackyard templates must be deterministic and sandboxed',
    };
    expect(
      compareOutcome(goRefused, { ok: false, kind: "refused", message: "now" }, "exact"),
    ).toBeUndefined();
    expect(compareOutcome(goExec, { ok: false, kind: "refused", message: "x" }, "exact")).toMatch(
      /error class differs/,
    );
  });
});
