import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import YAML from "yaml";
import { compileRepoFiles } from "../../src/build/index.js";
import { loadConfig } from "../../src/config/index.js";
import { parseFast, UNSURE } from "../../src/render/parse-rendered.js";
import { buildTempRepo, exampleRepo, STACK_EXAMPLES } from "../stacks/build-temp-repo.js";
import { valueDifference } from "./same-value.js";

/** Every text the built-in stacks render while a build runs, as the compiler parses it. */
const rendered = vi.hoisted(() => [] as string[]);
vi.mock("../../src/render/parse-rendered.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/render/parse-rendered.js")>();
  return {
    ...actual,
    parseRendered: (text: string) => {
      rendered.push(text);
      return actual.parseRendered(text);
    },
  };
});

const CASES = path.resolve(import.meta.dirname, "../fixtures/cases");

/** Builds the stack examples and every golden fixture repository, collecting rendered text. */
async function collectRenderedTexts(): Promise<string[]> {
  rendered.length = 0;
  await buildTempRepo(await exampleRepo(...STACK_EXAMPLES));
  for (const name of await readdir(CASES)) {
    const root = path.join(CASES, name, "repo");
    const loaded = await loadConfig(root).catch(() => undefined);
    if (loaded) await compileRepoFiles({ root, config: loaded.config }).catch(() => undefined);
  }
  return [...new Set(rendered)];
}

describe("the text the built-in stacks render", () => {
  it("parses fast to exactly what yaml.parse returns", async () => {
    const texts = await collectRenderedTexts();
    expect(texts.length).toBeGreaterThan(50);
    const leftToYaml: string[] = [];
    for (const text of texts) {
      const value = parseFast(text);
      if (value === UNSURE) {
        leftToYaml.push(text);
        continue;
      }
      const expected = YAML.parse(text, { maxAliasCount: 100, logLevel: "error" }) as unknown;
      expect(valueDifference(value, expected), text).toBeUndefined();
    }
    // The point of the fast path: only text with anchors (flare's shared env) goes to yaml.
    expect(leftToYaml.filter((text) => !/ &[A-Za-z]/.test(text))).toEqual([]);
    expect(leftToYaml.length).toBeLessThan(texts.length / 10);
  }, 120_000);
});
