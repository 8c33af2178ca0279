import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBundle, runStackyard } from "../cli/run-stackyard.js";
import { HOSTILE_CASES } from "./corpus.js";
import {
  BASE_FILES,
  copyRepo,
  makeTempDir,
  removeDir,
  snapshotTree,
  writeEntries,
} from "./temp-repo.js";

requireBundle();

/** The valid repository, built once: every case starts from a copy with a real out/. */
let base: string;
/** A folder beside the repositories, holding what a leak would expose. */
let outside: string;
let baseOut: Record<string, string>;
const copies: string[] = [];

beforeAll(async () => {
  outside = await makeTempDir("outside");
  await writeFile(path.join(outside, "passwd.txt"), "root:x:0:0:root:/root:/bin/sh\n");
  await writeFile(
    path.join(outside, "secret.yaml"),
    BASE_FILES["resources/feed.yaml"]!.replace("name: feed", "name: leaked"),
  );
  base = await makeTempDir("hostile-base");
  await writeEntries(base, BASE_FILES);
  const built = await runStackyard(["build"], { cwd: base });
  expect(built.code, built.stderr).toBe(0);
  baseOut = await snapshotTree(path.join(base, "out"));
});

afterAll(async () => {
  await Promise.all([base, outside, ...copies].map(removeDir));
});

describe.concurrent("hostile and broken inputs end in a diagnostic, exit 1, out/ untouched", () => {
  for (const c of HOSTILE_CASES) {
    it(c.name, async () => {
      const repo = await copyRepo(base, c.name);
      copies.push(repo);
      await writeEntries(repo, c.files(outside));
      const run = await runStackyard(["build", "--format", "json"], { cwd: repo });
      expect(run.code, run.stderr).toBe(1);
      const codes = diagnosticCodes(run.stdout);
      for (const code of c.codes) expect(codes, run.stdout).toContain(code);
      expect(codes).not.toContain("INTERNAL_ERROR");
      if (c.message) expect(run.stdout).toMatch(c.message);
      expect(await snapshotTree(path.join(repo, "out"))).toEqual(baseOut);
    });
  }
});

/** The codes of a `--format json` report. */
function diagnosticCodes(stdout: string): string[] {
  const report = JSON.parse(stdout) as
    { diagnostics?: Array<{ code: string }> } | Array<{ code: string }>;
  const list = Array.isArray(report) ? report : (report.diagnostics ?? []);
  return list.map((d) => d.code);
}

/** The text as a Windows editor saves it: a byte-order mark and CRLF line ends. */
function windowsText(text: string): string {
  return `\uFEFF${text.replace(/\n/g, "\r\n")}`;
}

describe("byte-order marks and CRLF line ends", () => {
  it("compile to exactly the bytes of the plain files", async () => {
    const repo = await copyRepo(base, "crlf");
    copies.push(repo);
    await writeEntries(repo, {
      "resources/web.yaml": windowsText(BASE_FILES["resources/web.yaml"]!),
      "resources/feed.yaml": windowsText(BASE_FILES["resources/feed.yaml"]!),
    });
    const run = await runStackyard(["build"], { cwd: repo });
    expect(run.code, run.stderr).toBe(0);
    expect(await snapshotTree(path.join(repo, "out"))).toEqual(baseOut);
  });

  it("put a mistake at the line and column the user sees", async () => {
    const repo = await copyRepo(base, "crlf-mistake");
    copies.push(repo);
    const broken = BASE_FILES["resources/feed.yaml"]!.replace("name: feed", "name: Feed_X").replace(
      "worker:\n",
      "worker:\n  replicas: many\n",
    );
    await writeEntries(repo, { "resources/feed.yaml": windowsText(broken) });
    const run = await runStackyard(["build"], { cwd: repo });
    expect(run.code).toBe(1);
    const printed = run.stdout + run.stderr;
    expect(printed).toContain("resources/feed.yaml:1:7 error INVALID_NAME");
    expect(printed).toMatch(/resources\/feed\.yaml:6:13 error WRONG_TYPE/);
    expect(await snapshotTree(path.join(repo, "out"))).toEqual(baseOut);
  });
});
