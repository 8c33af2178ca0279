import { describe, expect, it } from "vitest";
import { emitYaml } from "../../src/yaml/emit-yaml.js";
import { isPlainSafe, literalHeader } from "../../src/yaml/format-scalar.js";

describe("isPlainSafe at the edges of its fast character check", () => {
  it.each([
    ["a#b", true],
    ["a #b", false],
    ["a$b", true],
    ["a!b", true],
    ['a"b', true],
    ["a:b", true],
    ["a: b", false],
    ["ab:", false],
    ["a~b", true],
    ["a\x7fb", false],
    ["a\x80b", false],
    ["a\u009fb", false],
    ["a\u00a0b", true],
    ["a\u2028b", false],
    ["a\ufeffb", false],
    ["a\ud83d\ude00b", true],
    ["a\ud83db", false],
    ["a\tb", false],
    ["a b", true],
    ["a ", false],
  ])("%j → %s", (s, plain) => {
    expect(isPlainSafe(s)).toBe(plain);
  });

  it.each([
    ["-x", true],
    ["- x", false],
    ["---x", false],
    ["~", false],
    ["Yes", false],
    ["yesterday", true],
    ["e1", false],
    ["ex", true],
    ["1.2.3", false],
    ["v1.2.3", true],
    ["...x", false],
    ["<<", false],
  ])("first character %j → %s", (s, plain) => {
    expect(isPlainSafe(s)).toBe(plain);
  });
});

describe("literal blocks and trailing blank lines", () => {
  it.each([
    ["a\n", "|"],
    ["a\n\n", "|+"],
    ["a\nb", "|-"],
    ["a \n", "|"],
    ["a\n \n", undefined],
    ["a\n\n  ", undefined],
    ["a \n\n", "|+"],
    ["  a\n", "|2"],
  ])("%j → %j", (s, header) => {
    expect(literalHeader(s)).toBe(header);
  });

  it("stays linear on long indented text", () => {
    const text = `${"x\n" + " ".repeat(50_000)}y\n`;
    const start = performance.now();
    expect(literalHeader(text)).toBe("|");
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe("mapping keys written once and remembered", () => {
  it("quotes the same key the same way every time", () => {
    for (let i = 0; i < 3; i++) {
      expect(emitYaml({ yes: 1, "a: b": 2, plain: 3 })).toBe('"a: b": 2\nplain: 3\n"yes": 1\n');
    }
  });
});
