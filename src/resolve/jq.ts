import { createRequire } from "node:module";

/** The subset of jq-web's API that stackyard uses. */
interface JqRuntime {
  raw(json: string, filter: string, flags?: string[]): string;
}

let runtime: Promise<JqRuntime> | undefined;

/**
 * Loads real jq (WebAssembly) once per process, on first use. jq-web's CommonJS export *is* a
 * promise; loading it through `require` keeps ESM interop layers from wrapping that promise.
 */
export function loadJq(): Promise<JqRuntime> {
  runtime ??= Promise.resolve(createRequire(import.meta.url)("jq-web") as Promise<JqRuntime>);
  return runtime;
}

/** The outcome of one jq filter over one input. */
export type JqResult = { ok: true; values: unknown[] } | { ok: false; error: string };

/**
 * Runs a stack's dataset-address filter over a stackSpec. Runtime errors on absent optional
 * parts (`.outputs[]` when there are no outputs) mean "no addresses", so the filter runs under
 * jq's `?`; a filter that does not compile is an error.
 */
export function runAddressFilter(jq: JqRuntime, filter: string, input: unknown): JqResult {
  try {
    const out = jq.raw(JSON.stringify(input), `[(${filter})?]`, ["-c"]);
    const values = JSON.parse(out) as unknown[];
    return { ok: true, values };
  } catch (error) {
    const message = String((error as Error).message ?? error);
    const line = message.split("\n").find((l) => l.startsWith("jq: error")) ?? message.split("\n")[0] ?? message;
    return { ok: false, error: line.replace(/^jq: error:?\s*/, "").replace(/ \(Unix shell quoting issues\?\)/, "") };
  }
}
