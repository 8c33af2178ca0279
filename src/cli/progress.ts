import type { CliIo } from "./io.js";

/** Builds that finish within this time never show a progress line. */
const SHOW_AFTER_MS = 1000;
const TICK_MS = 100;
const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * Whether a progress line may be drawn: only on a terminal, never with --quiet, never in CI
 * (CI logs keep every carriage-return frame), never for machine formats.
 */
export function progressAllowed(io: CliIo, quiet: boolean, format: string): boolean {
  const ci = io.env["CI"] !== undefined && io.env["CI"] !== "" && io.env["CI"] !== "false";
  return io.stderrIsTty && !quiet && !ci && format === "text" && io.env["TERM"] !== "dumb";
}

/**
 * Awaits `work`; if it takes longer than a second, draws `label… 1.3s` on stderr, redrawn in
 * place, and erases it before returning, so the summary that follows starts on a clean line.
 */
export async function withProgress<T>(
  io: CliIo,
  enabled: boolean,
  label: string,
  work: Promise<T>,
): Promise<T> {
  if (!enabled) return work;
  const start = Date.now();
  let frame = 0;
  let drawn = false;
  const draw = () => {
    const seconds = ((Date.now() - start) / 1000).toFixed(1);
    io.stderr(`\r${FRAMES[frame++ % FRAMES.length]} ${label}… ${seconds}s\u001b[K`);
    drawn = true;
  };
  let ticker: ReturnType<typeof setInterval> | undefined;
  const delay = setTimeout(() => {
    draw();
    ticker = setInterval(draw, TICK_MS);
  }, SHOW_AFTER_MS);
  try {
    return await work;
  } finally {
    clearTimeout(delay);
    if (ticker !== undefined) clearInterval(ticker);
    if (drawn) io.stderr("\r\u001b[K");
  }
}
