import { execFile } from "node:child_process";
import path from "node:path";
import { beforeAll, inject } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "bin/stackyard.js");

/** What one run of the CLI printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Fails the calling test file early, with the bundler's message, when dist/ could not be built. */
export function requireBundle(): void {
  beforeAll(() => {
    const error = inject("cliBundleError");
    if (error !== "") throw new Error(`the CLI bundle (node scripts/bundle.mjs) failed:\n${error}`);
  });
}

/**
 * Runs `node bin/stackyard.js ARGS` as a user would, in `cwd`. The environment is the test's,
 * minus the variables that change output (colour, debug), plus `env`.
 */
export function runStackyard(
  args: readonly string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  for (const name of ["NO_COLOR", "FORCE_COLOR", "STACKYARD_DEBUG"]) {
    if (opts.env?.[name] === undefined) delete env[name];
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: opts.cwd ?? ROOT, env, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
