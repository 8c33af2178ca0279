// The folder watcher (Linux: one fs.watch per folder) must survive folders that come and go
// faster than it can watch them, as a build's staging folders next to out/ do.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { spawn } from "node:child_process";
import { watchTree } from "../../src/cli/file-watcher.js";

/** For about a second, folders (with a folder and a file inside) made and removed at once. */
const CHURN = `
const fs = require("node:fs");
const path = require("node:path");
const root = process.argv[1];
const end = Date.now() + 1000;
for (let i = 0; Date.now() < end; i++) {
  const dir = path.join(root, "gone-" + (i % 50));
  fs.mkdirSync(path.join(dir, "a", "b"), { recursive: true });
  fs.writeFileSync(path.join(dir, "a", "b", "x.yaml"), "x: 1\\n");
  fs.rmSync(dir, { recursive: true, force: true });
}
`;

it("keeps watching when folders vanish as they appear, and never enters skipped ones", async () => {
  const root = mkdtempSync(path.join(tmpdir(), "file-watcher-"));
  const seen: string[] = [];
  const watcher = watchTree(
    {
      root,
      relevant: () => true,
      skipDir: (rel) => rel.startsWith("out.stackyard-"),
      poll: false,
    },
    (paths) => seen.push(...paths),
  );
  try {
    // Another process makes and removes folders while this one watches them appear.
    const churn = spawn(process.execPath, ["-e", CHURN, root], { stdio: "ignore" });
    await new Promise((resolve) => churn.on("exit", resolve));
    mkdirSync(path.join(root, "out.stackyard-tmp-1", "deep"), { recursive: true });
    writeFileSync(path.join(root, "out.stackyard-tmp-1", "deep", "f.yaml"), "x: 1\n");
    mkdirSync(path.join(root, "kept"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    writeFileSync(path.join(root, "kept", "y.yaml"), "y: 1\n");
    await expect.poll(() => seen.includes("kept/y.yaml"), { timeout: 5000 }).toBe(true);
    expect(seen.filter((p) => p.startsWith("out.stackyard-tmp-1/"))).toEqual([]);
  } finally {
    watcher.close();
    rmSync(root, { recursive: true, force: true });
  }
});
