import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkOutput } from "../../src/emit/check-output.js";
import { INDEX_PATH } from "../../src/emit/ownership-index.js";
import type { OutputFile } from "../../src/emit/types.js";
import { file, firstBuild, OPTIONS } from "./helpers.js";

const V1: OutputFile[] = [
  file("default/kustomization.yaml", "resources: []\n"),
  file("default/a.yaml", "a: 1\n"),
  file("default/b.yaml", "b: 1\n"),
];

async function built(): Promise<string> {
  return (await firstBuild(V1)).out;
}

describe("checkOutput", () => {
  it("reports a fresh tree as clean, ignoring hand-written files", async () => {
    const out = await built();
    await writeFile(path.join(out, "default/hand.yaml"), "x: 1\n");
    expect(await checkOutput(out, V1, OPTIONS)).toEqual({
      added: [],
      changed: [],
      deleted: [],
      warnings: [],
    });
  });

  it("detects added, changed and deleted files, and the index that would change", async () => {
    const out = await built();
    await writeFile(path.join(out, "default/a.yaml"), "a: edited\n");
    const next = [V1[0], V1[1], file("default/c.yaml", "c: 1\n")] as OutputFile[];
    expect(await checkOutput(out, next, OPTIONS)).toEqual({
      added: ["default/c.yaml"],
      changed: [INDEX_PATH, "default/a.yaml"],
      deleted: ["default/b.yaml"],
      warnings: [],
    });
  });

  it("reports an owned file deleted by hand as added, and a missing out dir as all added", async () => {
    const out = await built();
    await rm(path.join(out, "default/a.yaml"));
    expect((await checkOutput(out, V1, OPTIONS)).added).toEqual(["default/a.yaml"]);
    await rm(out, { recursive: true });
    expect((await checkOutput(out, V1, OPTIONS)).added).toEqual(
      [INDEX_PATH, ...V1.map((f) => f.path)].sort(),
    );
  });

  it("reports a compiler version change through the index", async () => {
    const out = await built();
    const report = await checkOutput(out, V1, { compilerVersion: "2.0.0" });
    expect(report.changed).toEqual([INDEX_PATH]);
  });

  it("treats a hand-written file at a generated path as changed", async () => {
    const out = await built();
    await writeFile(path.join(out, "default/c.yaml"), "c: 1\n");
    const report = await checkOutput(out, [...V1, file("default/c.yaml", "c: 1\n")], OPTIONS);
    expect(report.changed).toEqual([INDEX_PATH, "default/c.yaml"]);
  });
});
