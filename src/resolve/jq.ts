import { evaluatePlainPath, plainPathSteps } from "./jq-path.js";
import type { JqRunner } from "./jq-runner.js";

export { createJqRunner, DEFAULT_JQ_LIMITS, type JqLimits, type JqRunner } from "./jq-runner.js";

/** The outcome of one jq filter over one input. */
export type JqResult = { ok: true; values: unknown[] } | { ok: false; error: string };

/**
 * Runs a stack's dataset-address filter over a stackSpec. Runtime errors on absent optional
 * parts (`.outputs[]` when there are no outputs) mean "no addresses", so the filter runs under
 * jq's `?`; a filter that does not compile, or that exceeds its time or memory budget, is an error.
 */
export async function runAddressFilter(
  jq: JqRunner,
  filter: string,
  input: unknown,
): Promise<JqResult> {
  const steps = plainPathSteps(filter);
  if (steps !== undefined) return { ok: true, values: evaluatePlainPath(steps, input) };
  const run = await jq.run(`[(${filter})?]`, JSON.stringify(input));
  if (!run.ok) return { ok: false, error: jqErrorLine(run.error) };
  try {
    const values: unknown = JSON.parse(run.output);
    if (Array.isArray(values)) return { ok: true, values };
  } catch {
    // A filter with unbalanced brackets can break out of the wrapper and print several values.
  }
  return { ok: false, error: "the filter is not one jq expression (are its brackets balanced?)" };
}

/** jq's first `jq: error` line, without its prefix and its shell-quoting guess. */
function jqErrorLine(message: string): string {
  const lines = message.split("\n");
  const line = lines.find((l) => l.startsWith("jq: error")) ?? lines[0] ?? message;
  return line.replace(/^jq: error:?\s*/, "").replace(/ \(Unix shell quoting issues\?\)/, "");
}
