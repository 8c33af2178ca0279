import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "vitest";

const GOLDEN = path.join(import.meta.dirname, "golden");

/** Compares with test/diff/golden/<name>; STACKYARD_UPDATE_GOLDEN=1 rewrites it instead. */
export async function expectGolden(name: string, actual: string): Promise<void> {
  const file = path.join(GOLDEN, name);
  if (process.env["STACKYARD_UPDATE_GOLDEN"] === "1") {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, actual);
    return;
  }
  const expected = await readFile(file, "utf8").catch(() => undefined);
  if (expected === undefined) throw new Error(`no golden file ${name}: run npm run test:update`);
  expect(actual).toBe(expected);
}
