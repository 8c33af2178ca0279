import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildExpected, writeExpected } from "./expected-file.js";
import {
  RECORDED_COUNT,
  RECORDED_SEED,
  generateCases,
  generatedCaseFile,
} from "./generate-cases.js";
import { buildOracle, goVersion, runOracle } from "./go-oracle.js";
import { loadCases } from "./load-cases.js";

/** The folder of case files; generated.yaml is one of them. */
export const CASES_DIR = fileURLToPath(new URL("./cases/", import.meta.url));

/** Rewrites cases/generated.yaml from the recorded seed and expected.json from Go's outcomes. */
export function recordExpected(): void {
  const generated = generateCases(RECORDED_SEED, RECORDED_COUNT);
  writeFileSync(`${CASES_DIR}generated.yaml`, generatedCaseFile(generated));
  buildOracle();
  const cases = loadCases(CASES_DIR);
  const producedBy = `${goVersion()}; sprig v3.2.3, yaml.v2 (Debian packages)`;
  writeExpected(buildExpected(cases, runOracle(cases), producedBy));
}
