import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { progressAllowed, withProgress } from "../../src/cli/progress.js";

function io(env: Record<string, string> = {}, tty = true): CliIo & { err: string } {
  const out = {
    err: "",
    stdout: () => undefined,
    stderr: (t: string) => void (out.err += t),
    env,
    cwd: "/",
    stderrIsTty: tty,
  };
  return out;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("build progress line", () => {
  it("appears only after a second, redraws in place, and is erased at the end", async () => {
    const term = io();
    let finish!: (v: string) => void;
    const done = withProgress(term, true, "building", new Promise<string>((r) => (finish = r)));
    await vi.advanceTimersByTimeAsync(900);
    expect(term.err).toBe("");
    await vi.advanceTimersByTimeAsync(300);
    expect(term.err).toMatch(/^\r. building… 1\.\ds\u001b\[K/);
    finish("ok");
    expect(await done).toBe("ok");
    expect(term.err.endsWith("\r\u001b[K")).toBe(true);
  });

  it("never draws for a fast build", async () => {
    const term = io();
    expect(await withProgress(term, true, "building", Promise.resolve(1))).toBe(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(term.err).toBe("");
  });

  it("is off in CI, with --quiet, off a terminal and for machine formats", () => {
    expect(progressAllowed(io(), false, "text")).toBe(true);
    expect(progressAllowed(io({ CI: "true" }), false, "text")).toBe(false);
    expect(progressAllowed(io(), true, "text")).toBe(false);
    expect(progressAllowed(io({}, false), false, "text")).toBe(false);
    expect(progressAllowed(io(), false, "json")).toBe(false);
  });
});
