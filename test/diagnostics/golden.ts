import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";

const GOLDEN_DIR = path.join(import.meta.dirname, "golden");

/**
 * Compares `actual` with the golden file byte for byte. With STACKYARD_UPDATE_GOLDEN=1 the file
 * is rewritten instead, so `npm run test:update` refreshes every golden file at once.
 */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env["STACKYARD_UPDATE_GOLDEN"] === "1") {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file ${name} is missing: run npm run test:update`);
  expect(actual).toBe(readFileSync(file, "utf8"));
}
