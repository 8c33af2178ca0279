import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Why `node scripts/bundle.mjs` failed, or "" when dist/stackyard.js is fresh. */
    cliBundleError: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * Bundles the CLI once per test run, so the CLI tests exercise the same dist/stackyard.js a
 * user runs. A failed bundle fails only the tests that need it (they read cliBundleError);
 * every other suite still runs and reports on its own.
 */
export default async function setup(project: TestProject): Promise<void> {
  try {
    await promisify(execFile)(process.execPath, ["scripts/bundle.mjs"], {
      cwd: ROOT,
      timeout: 120_000,
    });
    project.provide("cliBundleError", "");
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? "";
    project.provide("cliBundleError", stderr.trim() || String(error));
  }
}
