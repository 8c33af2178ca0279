import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BASE_FILES, makeTempDir, removeDir, writeEntries } from "../robustness/temp-repo.js";
import { requireBundle, runStackyard } from "./run-stackyard.js";

requireBundle();

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map(removeDir));
});

async function tempDir(): Promise<string> {
  const dir = await makeTempDir("node-runtime");
  temps.push(dir);
  return dir;
}

describe("the CLI under Node", () => {
  it("prints no deprecation warning of Node's (Node 20 with --pending-deprecation shows what Node 22 prints)", async () => {
    const repo = await tempDir();
    await writeEntries(repo, BASE_FILES);
    for (const command of ["build", "validate", "check"]) {
      const run = await runStackyard([command], {
        cwd: repo,
        env: { NODE_OPTIONS: "--pending-deprecation" },
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).not.toContain("DeprecationWarning");
    }
  }, 60_000);
});
