import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** Compiles Python source with `python3 -m py_compile`; returns the compiler's error, or "". */
export function pyCompileError(source: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "stackyard-py-"));
  const file = path.join(dir, "job.py");
  try {
    writeFileSync(file, source);
    execFileSync("python3", ["-m", "py_compile", file], { stdio: "pipe" });
    return "";
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Checks shell syntax with `sh -n`; returns the shell's error, or "". */
export function shSyntaxError(source: string): string {
  try {
    execFileSync("sh", ["-n"], { input: source, stdio: "pipe" });
    return "";
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}
