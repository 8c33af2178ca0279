// Live conformance (STACKYARD_CONFORMANCE_LIVE=1, set by `npm run test:conformance`): builds the
// Go oracle, checks that expected.json is what Go does today, and compares the engine with Go on
// fresh random cases. STACKYARD_CONFORMANCE_RANDOM_CASES sets how many (default 200) and
// STACKYARD_CONFORMANCE_SEED replays a run.
import { isDeepStrictEqual } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import type { GoOutcome } from "./case-types.js";
import { compareOutcome } from "./compare-outcome.js";
import { renderWithEngine } from "./engine-outcome.js";
import { readExpected } from "./expected-file.js";
import { generateCases } from "./generate-cases.js";
import { buildOracle, runOracle } from "./go-oracle.js";
import { loadCases } from "./load-cases.js";
import { CASES_DIR } from "./record-expected.js";

const live = process.env.STACKYARD_CONFORMANCE_LIVE === "1";
const randomCount = Number(process.env.STACKYARD_CONFORMANCE_RANDOM_CASES ?? "200");
const seed = Number(process.env.STACKYARD_CONFORMANCE_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe.skipIf(!live)("Go text/template conformance (live against Go)", () => {
  const cases = loadCases(CASES_DIR);
  const randomCases = generateCases(seed, randomCount, `live-${seed}`);
  let recordedNow = new Map<string, GoOutcome>();
  let randomNow = new Map<string, GoOutcome>();

  beforeAll(() => {
    buildOracle();
    recordedNow = runOracle(cases);
    randomNow = runOracle(randomCases);
  }, 300_000);

  it("expected.json matches what Go does now", () => {
    const { cases: recorded } = readExpected();
    const outdated = cases
      .filter((c) => {
        const was = recorded[c.id];
        const now = recordedNow.get(c.id);
        if (!was || !now) return true;
        const { input: _input, ...wasOutcome } = was;
        return !isDeepStrictEqual(wasOutcome, now);
      })
      .map((c) => c.id);
    expect(outdated, "re-record with scripts/conformance-record.mjs").toEqual([]);
  });

  describe(`fresh random cases (STACKYARD_CONFORMANCE_SEED=${seed})`, () => {
    for (const c of randomCases) {
      it(c.id, () => {
        const go = randomNow.get(c.id);
        if (!go) expect.fail(`the oracle returned nothing for ${c.id}`);
        const mismatch = compareOutcome(go, renderWithEngine(c), "exact");
        if (mismatch !== undefined) {
          expect.fail(`${mismatch}\n  template: ${JSON.stringify(c.template)}\n  data: ${c.data}`);
        }
      });
    }
  });
});
