import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OutputIndex } from "../../src/emit/types.js";
import {
  buildIndex,
  indexDiffers,
  indexFileOf,
  isSafeRelativePath,
  parseIndex,
  sha256,
} from "../../src/emit/ownership-index.js";
import { sha256Bytes, textHash } from "../../src/validate/text-hash.js";
import { file } from "./helpers.js";

describe("ownership index", () => {
  it("lists files sorted with hashes and sources, as stable JSON", () => {
    const files = [
      file("b/x.yaml", "x\n", 4),
      { path: "a/kustomization.yaml", content: "k\n", owned: true as const },
    ];
    expect(indexFileOf(buildIndex(files, "0.1.0")).content).toBe(
      `${JSON.stringify(
        {
          formatVersion: 1,
          compilerVersion: "0.1.0",
          files: [
            { path: "a/kustomization.yaml", sha256: sha256("k\n") },
            {
              path: "b/x.yaml",
              sha256: sha256("x\n"),
              source: { resourceId: "r:b/x.yaml", file: "res.yaml", line: 4 },
            },
          ],
        },
        null,
        2,
      )}\n`,
    );
  });

  it("round-trips through parseIndex", () => {
    const index = buildIndex([file("a/b.yaml", "b\n")], "0.1.0");
    expect(parseIndex(JSON.stringify(index))).toEqual(index);
  });

  it.each([
    ["not json", "{", /not valid JSON/],
    ["a list", "[]", /not a JSON object/],
    ["unknown version", '{"formatVersion":2,"compilerVersion":"x","files":[]}', /format version 2/],
    ["no files", '{"formatVersion":1,"compilerVersion":"x"}', /files is not a list/],
    [
      "bad hash",
      '{"formatVersion":1,"compilerVersion":"x","files":[{"path":"a","sha256":"zz"}]}',
      /malformed/,
    ],
    [
      "escaping path",
      `{"formatVersion":1,"compilerVersion":"x","files":[{"path":"../etc/passwd","sha256":"${"0".repeat(64)}"}]}`,
      /malformed/,
    ],
    [
      "absolute path",
      `{"formatVersion":1,"compilerVersion":"x","files":[{"path":"/etc/passwd","sha256":"${"0".repeat(64)}"}]}`,
      /malformed/,
    ],
    [
      "duplicate path",
      `{"formatVersion":1,"compilerVersion":"x","files":[{"path":"a","sha256":"${"0".repeat(64)}"},{"path":"a","sha256":"${"0".repeat(64)}"}]}`,
      /twice/,
    ],
    [
      "duplicate path, apart in an unsorted index",
      `{"formatVersion":1,"compilerVersion":"x","files":[{"path":"b","sha256":"${"0".repeat(64)}"},{"path":"a","sha256":"${"0".repeat(64)}"},{"path":"b","sha256":"${"0".repeat(64)}"}]}`,
      /b is listed twice/,
    ],
  ])("rejects %s", (_name, text, reason) => {
    expect(parseIndex(text)).toMatch(reason);
  });

  it("accepts distinct paths in any order (an index sorted by hand)", () => {
    const entry = (p: string) => ({ path: p, sha256: "0".repeat(64) });
    const files = [entry("b"), entry("a/c"), entry("a")];
    const index = { formatVersion: 1, compilerVersion: "x", files };
    expect(parseIndex(JSON.stringify(index))).toEqual(index);
  });
});

/** The rule isSafeRelativePath implements without splitting, written the plain way. */
function referenceSafe(p: string): boolean {
  if (p === "" || p.includes("\\") || p.includes("\0")) return false;
  return p.split("/").every((part) => part !== "" && part !== "." && part !== "..");
}

describe("sha256", () => {
  it("is the hex SHA-256 of the text's UTF-8 bytes, for strings and buffers", () => {
    const reference = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
    expect(sha256("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        expect(sha256(text)).toBe(reference(text));
        expect(sha256(Buffer.from(text))).toBe(reference(text));
        expect(sha256Bytes(text).toString("hex")).toBe(reference(text));
        expect(textHash(text)).toBe(createHash("sha256").update(text).digest("base64url"));
      }),
    );
    // A lone surrogate is written as U+FFFD, by both.
    expect(sha256("a\ud800b")).toBe(reference("a\ufffdb"));
  });
});

describe("indexDiffers", () => {
  const source = fc.record({
    resourceId: fc.constantFrom("worker:v1:a:ws", "service:v1:b:ws"),
    file: fc.constantFrom("a.yaml", "b.yaml"),
    line: fc.integer({ min: 1, max: 3 }),
  });
  const files = fc.uniqueArray(
    fc.record({
      path: fc.constantFrom("a/x.yaml", "a/y.yaml", "b/z.yaml", "kustomization.yaml"),
      content: fc.constantFrom("x\n", "y\n"),
      source: fc.option(source, { nil: undefined }),
    }),
    { selector: (f) => f.path, maxLength: 4 },
  );
  const index = fc.tuple(files, fc.constantFrom("1.0.0", "1.0.1")).map(([fs, version]) =>
    buildIndex(
      fs.map((f) => ({ ...f, owned: true as const, ...(f.source ? { source: f.source } : {}) })),
      version,
    ),
  );

  it("is true only of indexes whose files have other bytes", () => {
    fc.assert(
      fc.property(index, index, (onDisk, planned) => {
        const sameBytes = indexFileOf(onDisk).content === indexFileOf(planned).content;
        if (indexDiffers(onDisk, planned)) expect(sameBytes).toBe(false);
        else expect(sameBytes).toBe(true);
      }),
    );
  });

  it("is false of an index read back from its own file, and of the same entries", () => {
    fc.assert(
      fc.property(index, (planned) => {
        const read = parseIndex(indexFileOf(planned).content);
        expect(typeof read).toBe("object");
        expect(indexDiffers(read as OutputIndex, planned)).toBe(false);
      }),
    );
  });
});

describe("isSafeRelativePath", () => {
  it.each([
    ["a", true],
    ["a/b", true],
    ["default/shop/worker-a/deployment.yaml", true],
    ["...", true],
    [".a", true],
    ["a..", true],
    ["a/.b/..c/c..", true],
    ["..a/b", true],
    ["", false],
    ["a//b", false],
    ["a/", false],
    ["/a", false],
    ["/", false],
    [".", false],
    ["..", false],
    ["./a", false],
    ["a/.", false],
    ["a/..", false],
    ["a/./b", false],
    ["a/../b", false],
    ["../a", false],
    ["a\\b", false],
    ["a\0b", false],
    ["\0", false],
  ])("%j is safe: %s", (p, safe) => {
    expect(isSafeRelativePath(p)).toBe(safe);
    expect(referenceSafe(p)).toBe(safe);
  });

  it("agrees with the split-based reference on random paths", () => {
    // Short strings over an alphabet rich in separators and dots, so every rule is exercised.
    const char = fc.constantFrom("a", "b", ".", "/", "\\", "\0", "-");
    const paths = fc.array(char, { maxLength: 10 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(fc.oneof(paths, fc.string({ maxLength: 12 })), (p) => {
        expect(isSafeRelativePath(p)).toBe(referenceSafe(p));
      }),
      { numRuns: 5000 },
    );
  });
});

describe("parseIndex hash entries", () => {
  const indexWith = (digest: string) =>
    JSON.stringify({
      formatVersion: 1,
      compilerVersion: "x",
      files: [{ path: "a/b.yaml", sha256: digest }],
    });

  it("accepts 64 lowercase hex digits", () => {
    expect(typeof parseIndex(indexWith(sha256("b\n")))).toBe("object");
    expect(typeof parseIndex(indexWith("0123456789abcdef".repeat(4)))).toBe("object");
  });

  it.each([
    ["uppercase hex", sha256("b\n").toUpperCase()],
    ["one uppercase digit", `A${"0".repeat(63)}`],
    ["63 digits", "a".repeat(63)],
    ["65 digits", "a".repeat(65)],
    ["a non-hex letter", `${"a".repeat(63)}g`],
    ["a digit outside 0-9a-f just past the range", `${"a".repeat(63)}:`],
    ["a character just before 0", `${"a".repeat(63)}/`],
    ["a backtick (just before a)", `${"a".repeat(63)}\``],
    ["a character past the ASCII range", `${"a".repeat(63)}\u0661`],
    ["the last UTF-16 code unit", `${"a".repeat(63)}\uffff`],
    ["empty", ""],
  ])("rejects %s", (_name, digest) => {
    expect(parseIndex(indexWith(digest))).toMatch(/malformed/);
  });
});
