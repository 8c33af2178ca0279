import fc from "fast-check";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { listFiles } from "../fixtures/harness.js";
import { compileMemoryRepo, outputBytes, VALID_REPO } from "./memory-repo.js";
import { DATA_MUTATION, mutateData, mutateText, TEXT_MUTATION } from "./mutations.js";

/** The same seed every run: a failure is reproducible, and the report prints the case. */
const SEED = 20_260_509;

describe("random valid repositories", () => {
  it("build without errors, to the same bytes twice and whatever the file order", async () => {
    await fc.assert(
      fc.asyncProperty(VALID_REPO, fc.func(fc.integer()), async (files, rank) => {
        const first = await compileMemoryRepo(files);
        expect(first.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(first.files.length).toBeGreaterThan(0);
        const again = await compileMemoryRepo(files);
        const shuffled = await compileMemoryRepo(files, (paths) =>
          [...paths].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1)),
        );
        expect(outputBytes(again)).toBe(outputBytes(first));
        expect(outputBytes(shuffled)).toBe(outputBytes(first));
      }),
      { seed: SEED, numRuns: 60 },
    );
  }, 180_000);
});

/** The example platform repository's own manifests: services, workers, workflows, a custom stack with jq filters. */
const EXAMPLE_FOLDERS = ["analytics", "platform", "retail", "stacks"];
const ROOT = path.resolve(import.meta.dirname, "../..");
let example: Map<string, string>;
let manifests: string[];

/** Reads the example manifests; they must compile cleanly, or the mutations prove little. */
async function loadExample(): Promise<void> {
  example = new Map();
  for (const folder of EXAMPLE_FOLDERS) {
    const dir = path.join(ROOT, "resources", folder);
    for (const rel of await listFiles(dir))
      example.set(`resources/${folder}/${rel}`, await readFile(path.join(dir, rel), "utf8"));
  }
  manifests = [...example.keys()].filter((p) => p.endsWith(".yaml")).sort();
  const clean = await compileMemoryRepo(example);
  expect(clean.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
}

/** Compiles the example with one file replaced; it must end in values, never an exception. */
async function compileWith(file: string, text: string): Promise<void> {
  const files = new Map(example);
  files.set(file, text);
  const compiled = await compileMemoryRepo(files);
  expect(compiled.diagnostics.map((d) => d.code)).not.toContain("INTERNAL_ERROR");
  // Output exists only for a build without errors, and every file is text.
  const failed = compiled.diagnostics.some((d) => d.severity === "error");
  if (failed) expect(compiled.files).toEqual([]);
  for (const f of compiled.files) expect(typeof f.content).toBe("string");
}

describe("random mutations of valid resources", () => {
  beforeAll(loadExample);

  it("deleted, renamed, retyped and inserted keys give diagnostics, never a crash", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(DATA_MUTATION, { minLength: 1, maxLength: 4 }),
        async (pick, mutations) => {
          const file = manifests[pick % manifests.length]!;
          await compileWith(file, mutateData(example.get(file)!, mutations));
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
  }, 180_000);

  it("garbage spliced into the text gives diagnostics, never a crash", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(TEXT_MUTATION, { minLength: 1, maxLength: 4 }),
        async (pick, mutations) => {
          const file = manifests[pick % manifests.length]!;
          await compileWith(file, mutateText(example.get(file)!, mutations));
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
  }, 180_000);
});
