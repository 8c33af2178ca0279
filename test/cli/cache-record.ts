import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "vitest";

/** A message no compile can produce: seen in the output only when the record was replayed. */
export const MARK = "replayed from the build cache";

/**
 * Rewrites the first diagnostic message of the build record in `repo`'s out/ to MARK (and its
 * checksum, so the record stays trusted).
 */
export async function markRecord(repo: string): Promise<void> {
  const record = path.join(repo, "out/.stackyard/cache/build.json");
  const text = await readFile(record, "utf8");
  const body = JSON.parse(text.slice(text.indexOf("\n") + 1)) as {
    diagnostics: Array<{ message: string }>;
  };
  expect(body.diagnostics.length).toBeGreaterThan(0);
  body.diagnostics[0]!.message = MARK;
  const json = JSON.stringify(body);
  await writeFile(record, `${createHash("sha256").update(json).digest("hex")}\n${json}`);
}

/** The build's summary line (`built N resources … (W written, U unchanged, P pruned)…`). */
export function summaryLine(stderr: string): string | undefined {
  return stderr.split("\n").find((l) => l.startsWith("built "));
}
