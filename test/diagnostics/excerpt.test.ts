import { describe, expect, it } from "vitest";
import { renderExcerpt, sanitizeText } from "../../src/diagnostics/excerpt.js";

describe("renderExcerpt", () => {
  it("expands tabs to the next stop of four and keeps the caret under the range", () => {
    expect(renderExcerpt("a\tb\tc", 4, 5)).toEqual({
      text: "a   b   c",
      caretStart: 8,
      caretWidth: 1,
    });
  });

  it("counts wide characters as two cells and combining marks as none", () => {
    expect(renderExcerpt("データx", 3, 4)).toEqual({
      text: "データx",
      caretStart: 6,
      caretWidth: 1,
    });
    expect(renderExcerpt("🚀 go", 2, 4)).toEqual({ text: "🚀 go", caretStart: 3, caretWidth: 2 });
    expect(renderExcerpt("e\u0301x", 2, 3).caretStart).toBe(1);
  });

  it("clips a range that runs past the line and widens an empty one to one caret", () => {
    expect(renderExcerpt("abc", 1, 99)).toEqual({ text: "abc", caretStart: 1, caretWidth: 2 });
    expect(renderExcerpt("abc", 3, 3)).toEqual({ text: "abc", caretStart: 3, caretWidth: 1 });
    expect(renderExcerpt("", 0, 0)).toEqual({ text: "", caretStart: 0, caretWidth: 1 });
  });

  it("shows control characters as U+FFFD so a file cannot drive the terminal", () => {
    expect(renderExcerpt("a\x1b[31mb", 0, 1).text).toBe("a\uFFFD[31mb");
    expect(sanitizeText("x\x07y\nz\u009b")).toBe("x\uFFFDy\nz\uFFFD");
  });
});
