import { describe, expect, it } from "vitest";
import { createLineIndex } from "../../src/diagnostics/line-index.js";

describe("createLineIndex", () => {
  it("counts LF, CRLF and lone CR as one line break each", () => {
    const index = createLineIndex("a\nb\r\nc\rd");
    expect(index.lineCount).toBe(4);
    expect([1, 2, 3, 4].map((n) => index.lineText(n))).toEqual(["a", "b", "c", "d"]);
    expect(index.position(2)).toEqual({ line: 2, column: 1 });
    expect(index.position(5)).toEqual({ line: 3, column: 1 });
    expect(index.position(7)).toEqual({ line: 4, column: 1 });
  });

  it("puts an offset inside a CRLF just past the line's last character", () => {
    const index = createLineIndex("ab\r\ncd");
    expect(index.position(2)).toEqual({ line: 1, column: 3 });
    expect(index.position(3)).toEqual({ line: 1, column: 3 });
    expect(index.position(4)).toEqual({ line: 2, column: 1 });
  });

  it("counts code points, so an emoji or a CJK character is one column", () => {
    const text = "x: 🚀データz";
    const index = createLineIndex(text);
    expect(index.position(text.indexOf("z"))).toEqual({ line: 1, column: 8 });
  });

  it("gives a line's range without its break, its blanks around it and a byte-order mark", () => {
    const text = "\uFEFFa: 1\r\n  name: web \t\n\n";
    const index = createLineIndex(text);
    const slice = (line: number) => {
      const r = index.lineRange(line);
      return r === undefined ? undefined : text.slice(r.start, r.end);
    };
    expect([1, 2, 3, 4, 5, 0].map(slice)).toEqual([
      "a: 1",
      "name: web",
      "",
      "",
      undefined,
      undefined,
    ]);
    expect(index.position(index.lineRange(2)!.start)).toEqual({ line: 2, column: 3 });
  });

  it("does not count a byte-order mark", () => {
    const index = createLineIndex("\uFEFFkey: v\n");
    expect(index.position(1)).toEqual({ line: 1, column: 1 });
    expect(index.lineText(1)).toBe("key: v");
  });

  it("clamps offsets outside the text and answers empty text for unknown lines", () => {
    const index = createLineIndex("one\ntwo\n");
    expect(index.lineCount).toBe(3);
    expect(index.position(-5)).toEqual({ line: 1, column: 1 });
    expect(index.position(999)).toEqual({ line: 3, column: 1 });
    expect(index.lineText(0)).toBe("");
    expect(index.lineText(4)).toBe("");
    expect(createLineIndex("").position(0)).toEqual({ line: 1, column: 1 });
  });
});
