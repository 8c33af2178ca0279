import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoFileReader } from "../../src/discover/discover.js";
import { makeTempDir, removeDir, writeEntries } from "../robustness/temp-repo.js";

let repo: string;

beforeAll(async () => {
  repo = await makeTempDir("reader");
  await writeEntries(repo, {
    "bom.yaml": new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from("name: bom\n")]),
    "truncated.yaml": new Uint8Array([...Buffer.from("name: "), 0xe2, 0x82]),
    "latin1.yaml": new Uint8Array([...Buffer.from("name: caf"), 0xe9, 0x0a]),
    "plain.yaml": "name: plain\n",
    "binary.yaml": new Uint8Array([0x6e, 0x00, 0x6d]),
    "big.yaml": "x".repeat(64),
  });
});

afterAll(() => removeDir(repo));

describe("one reader decodes every file on its own", () => {
  it("is not thrown off by a bad file before a good one", async () => {
    const read = repoFileReader(repo);
    const results = [];
    for (const rel of ["truncated.yaml", "bom.yaml", "latin1.yaml", "plain.yaml", "bom.yaml"]) {
      const r = await read(rel, 1024);
      results.push(r.ok ? r.text : r.diagnostic.code);
    }
    expect(results).toEqual([
      "FILE_NOT_TEXT",
      "name: bom\n",
      "FILE_NOT_TEXT",
      "name: plain\n",
      "name: bom\n",
    ]);
  });

  it("refuses binary files and files over the limit", async () => {
    const read = repoFileReader(repo);
    const binary = await read("binary.yaml", 1024);
    expect(!binary.ok && binary.diagnostic.code).toBe("FILE_NOT_TEXT");
    const big = await read("big.yaml", 63);
    expect(!big.ok && big.diagnostic.code).toBe("FILE_TOO_LARGE");
    expect(await read("big.yaml", 64)).toEqual({ ok: true, text: "x".repeat(64) });
  });

  it("refuses a path written to leave the repository", async () => {
    const read = await repoFileReader(repo)("../outside.yaml", 1024);
    expect(!read.ok && read.diagnostic.code).toBe("PATH_OUTSIDE_REPO");
  });
});
