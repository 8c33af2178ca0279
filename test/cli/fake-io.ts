import type { CliIo } from "../../src/cli/io.js";

/** An in-memory CliIo that records what a run printed. */
export function fakeIo(cwd: string, env: Record<string, string> = {}, stderrIsTty = false) {
  const out = { stdout: "", stderr: "" };
  const io: CliIo = {
    stdout: (text) => void (out.stdout += text),
    stderr: (text) => void (out.stderr += text),
    env,
    cwd,
    stderrIsTty,
  };
  return { io, out };
}
