// stackyard's Go-template engine against Go's recorded behaviour (expected.json): runs without Go.
// STACKYARD_UPDATE_GOLDEN=1 first re-records the expectations with the Go oracle.
import { describe, expect, it } from "vitest";
import { compareOutcome } from "./compare-outcome.js";
import { caseInputHash, readExpected } from "./expected-file.js";
import { loadCases } from "./load-cases.js";
import { CASES_DIR, recordExpected } from "./record-expected.js";

if (process.env.STACKYARD_UPDATE_GOLDEN === "1") recordExpected();
// Imported after recording, so expectations can be re-recorded even while the engine is broken.
const { renderWithEngine } = await import("./engine-outcome.js");

const cases = loadCases(CASES_DIR);
const expected = readExpected();

describe("Go text/template conformance (recorded outcomes)", () => {
  it("has an up-to-date Go outcome for every case and none for removed cases", () => {
    const ids = new Set(cases.map((c) => c.id));
    const stale = cases.filter((c) => expected.cases[c.id]?.input !== caseInputHash(c));
    const orphans = Object.keys(expected.cases).filter((id) => !ids.has(id));
    expect(
      { stale: stale.map((c) => c.id), orphans },
      "re-record with scripts/conformance-record.mjs",
    ).toEqual({ stale: [], orphans: [] });
  });

  for (const c of cases) {
    const go = expected.cases[c.id];
    if (!go) continue;
    // A known difference still runs: it is listed in the report, and fails once it is fixed,
    // so the entry cannot outlive the difference.
    const test = c.knownDifference ? it.fails : it;
    const title = c.knownDifference ? `${c.id} [known difference: ${c.knownDifference}]` : c.id;
    test(title, () => {
      const mismatch = compareOutcome(go, renderWithEngine(c), "exact");
      if (mismatch !== undefined) {
        expect.fail(
          `${mismatch}\n  template: ${JSON.stringify(c.template)}\n  data: ${JSON.stringify(c.data)}`,
        );
      }
    });
  }
});
