import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import type { ConformanceCase, GoOutcome, RecordedOutcome } from "./case-types.js";

/** Where Go's recorded outcomes live, so the suite runs without Go. */
export const EXPECTED_PATH = new URL("./expected.json", import.meta.url);

/** The content of expected.json. */
export interface ExpectedFile {
  /** The toolchain and libraries that produced the outcomes. */
  producedBy: string;
  cases: Record<string, RecordedOutcome>;
}

/** A stable fingerprint of everything in a case that affects Go's outcome. */
export function caseInputHash(c: ConformanceCase): string {
  const material = JSON.stringify([c.template, c.data, c.missingKey ?? "default"]);
  return createHash("sha256").update(material).digest("hex").slice(0, 16);
}

/** Reads expected.json; an absent file reads as no recorded cases. */
export function readExpected(): ExpectedFile {
  try {
    return JSON.parse(readFileSync(EXPECTED_PATH, "utf8")) as ExpectedFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { producedBy: "", cases: {} };
    throw err;
  }
}

/** Pairs each case with Go's outcome and its input hash, sorted by id for reviewable diffs. */
export function buildExpected(
  cases: readonly ConformanceCase[],
  outcomes: ReadonlyMap<string, GoOutcome>,
  producedBy: string,
): ExpectedFile {
  const sorted = [...cases].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const recorded: Record<string, RecordedOutcome> = {};
  for (const c of sorted) {
    const outcome = outcomes.get(c.id);
    if (!outcome) throw new Error(`the oracle returned nothing for ${c.id}`);
    recorded[c.id] = { input: caseInputHash(c), ...outcome };
  }
  return { producedBy, cases: recorded };
}

/** Writes expected.json (two-space JSON, final newline). */
export function writeExpected(file: ExpectedFile): void {
  writeFileSync(EXPECTED_PATH, `${JSON.stringify(file, null, 2)}\n`);
}
