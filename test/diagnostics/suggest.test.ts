import { describe, expect, it } from "vitest";
import { didYouMean, editDistance, formatChoices } from "../../src/diagnostics/suggest.js";

describe("didYouMean", () => {
  const keys = ["replicas", "stack", "compute", "stackSpec", "envs", "autoScaling"];

  it("finds typos: a missing letter, a swap, a wrong letter", () => {
    expect(didYouMean("replcas", keys)).toBe("replicas");
    expect(didYouMean("stakc", keys)).toBe("stack");
    expect(didYouMean("compyte", keys)).toBe("compute");
  });

  it("prefers a difference only in case over any other candidate", () => {
    expect(didYouMean("autoscaling", keys)).toBe("autoScaling");
    expect(didYouMean("StackSpec", [...keys, "stackspecs"])).toBe("stackSpec");
  });

  it("stays silent for a far-off word, an empty input or a valid input", () => {
    expect(didYouMean("image", keys)).toBeUndefined();
    expect(didYouMean("x", ["y", "z"])).toBeUndefined();
    expect(didYouMean("X", ["y", "x"])).toBe("x");
    expect(didYouMean("", keys)).toBeUndefined();
    expect(didYouMean("envs", keys)).toBeUndefined();
  });

  it("allows more edits for longer words", () => {
    expect(didYouMean("ab", ["cd"])).toBeUndefined();
    expect(didYouMean("autoscalng", keys)).toBe("autoScaling");
    expect(didYouMean("autsclng", keys)).toBeUndefined();
    expect(didYouMean("configFileTemplte", ["configFileTemplate", "resourceTemplate"])).toBe(
      "configFileTemplate",
    );
  });

  it("breaks ties alphabetically, whatever the candidate order", () => {
    expect(didYouMean("cat", ["hat", "bat"])).toBe("bat");
    expect(didYouMean("cat", ["bat", "hat"])).toBe("bat");
  });
});

describe("editDistance", () => {
  it("counts a transposition of neighbours as one edit", () => {
    expect(editDistance("ab", "ba")).toBe(1);
    expect(editDistance("conatiner", "container")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("🚀a", "a🚀")).toBe(1);
  });
});

describe("formatChoices", () => {
  it("lists up to max choices and counts the rest", () => {
    expect(formatChoices(["a", "b", "c"])).toBe("a, b, c");
    const many = Array.from({ length: 22 }, (_, i) => `n${i}`);
    expect(formatChoices(many)).toBe("n0, n1, n2, n3, n4, n5, n6, n7, n8, n9 … and 12 more");
    expect(formatChoices(many, 2)).toBe("n0, n1 … and 20 more");
    expect(formatChoices(new Set<string>())).toBe("(none)");
  });
});
