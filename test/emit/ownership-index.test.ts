import { describe, expect, it } from "vitest";
import { buildIndex, indexFile, parseIndex, sha256 } from "../../src/emit/ownership-index.js";
import { file } from "./helpers.js";

describe("ownership index", () => {
  it("lists files sorted with hashes and sources, as stable JSON", () => {
    const files = [
      file("b/x.yaml", "x\n", 4),
      { path: "a/kustomization.yaml", content: "k\n", owned: true as const },
    ];
    expect(indexFile(files, "0.1.0").content).toBe(
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
  ])("rejects %s", (_name, text, reason) => {
    expect(parseIndex(text)).toMatch(reason);
  });
});
