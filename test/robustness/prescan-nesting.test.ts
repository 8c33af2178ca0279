import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { deepNestingOffset } from "../../src/parse/prescan-nesting.js";

const LIMIT = 64;

describe("the nesting pre-scan that spares yaml's parser", () => {
  it.each([
    ["flow sequences", `${"[".repeat(100)}${"]".repeat(100)}`, LIMIT],
    ["flow mappings", `a: ${"{b: ".repeat(100)}1${"}".repeat(100)}`, 3 + 4 * LIMIT],
    ["compact block sequences", `${"- ".repeat(100)}x\n`, 2 * LIMIT],
    [
      "brackets hidden behind a quoted closer",
      `${"[".repeat(70)}"${"]".repeat(70)}"${"]".repeat(70)}`,
      LIMIT,
    ],
  ])("finds %s nested beyond the limit, at the first level too many", (_what, text, offset) => {
    expect(deepNestingOffset(text, LIMIT)).toBe(offset);
  });

  it.each([
    ["nesting within the limit", `a: ${"[".repeat(60)}${"]".repeat(60)}\n`],
    ["brackets in a quoted string", `a: "${"[".repeat(500)}"\n`],
    ["brackets in a block scalar", `t: |\n  ${"{".repeat(500)}\n`],
    ["brackets in a comment", `# ${"[".repeat(500)}\na: 1\n`],
    ["a few compact items", `${"- ".repeat(10)}x\n`],
  ])("passes %s", (_what, text) => {
    expect(deepNestingOffset(text, LIMIT)).toBeUndefined();
  });

  it("passes every built-in stack, templates and schemas included", () => {
    const dir = path.resolve(import.meta.dirname, "../../stacks");
    for (const name of ["flare-7.0.yaml", "bento-3.0.yaml", "container-1.0.yaml"]) {
      expect(
        deepNestingOffset(readFileSync(path.join(dir, name), "utf8"), LIMIT),
        name,
      ).toBeUndefined();
    }
  });
});
