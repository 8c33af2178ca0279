import { describe, expect, it } from "vitest";
import { hunkHeader, unifiedHunks } from "../../src/diff/unified-diff.js";

const headers = (before: string, after: string) => unifiedHunks(before, after).map(hunkHeader);

describe("unified diff hunk headers", () => {
  it("start an empty side at line 0, as git diff writes an added or a deleted file", () => {
    expect(headers("", "a: 1\nb: 2\n")).toEqual(["@@ -0,0 +1,2 @@"]);
    expect(headers("a: 1\nb: 2\n", "")).toEqual(["@@ -1,2 +0,0 @@"]);
  });

  it("number both sides from 1 when neither is empty", () => {
    expect(headers("a: 1\nb: 2\n", "a: 1\nb: 3\n")).toEqual(["@@ -1,2 +1,2 @@"]);
    expect(headers("a: 1\n", "a: 1\nb: 2\n")).toEqual(["@@ -1,1 +1,2 @@"]);
  });
});
