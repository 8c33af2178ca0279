import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { JQ_WORKER_SOURCE } from "./jq-worker-source.js";

/** Bounds on one jq filter run: a stack's filter is code, and code can loop forever. */
export interface JqLimits {
  /** Longest one filter may run over one input, in milliseconds. */
  timeoutMs: number;
  /** Most memory jq may hold (its WebAssembly heap, and separately its JavaScript heap), in MiB. */
  maxMemoryMiB: number;
}

/** Generous for real address filters, which finish in milliseconds. */
export const DEFAULT_JQ_LIMITS: JqLimits = { timeoutMs: 5_000, maxMemoryMiB: 256 };

/** jq's stdout for one filter over one input, or why there is none. */
export type JqRun = { ok: true; output: string } | { ok: false; error: string };

/** Runs jq filters off the main thread, so a runaway filter can be stopped. */
export interface JqRunner {
  /** Runs `filter` over `inputJson` (`jq -c`), within the limits. */
  run(filter: string, inputJson: string): Promise<JqRun>;
  /** Stops the worker; the runner starts a new one if used again. */
  close(): Promise<void>;
}

interface Reply {
  id?: number;
  ready?: boolean;
  ok?: boolean;
  output?: string;
  error?: string;
  broken?: boolean;
  outOfMemory?: boolean;
}

/**
 * A runner backed by one worker thread, started on first use and reused for every filter. Runs
 * are queued one at a time; a run that exceeds its time or memory budget terminates the worker
 * (the only way to stop synchronous WebAssembly) and the next run starts a fresh one. A filter
 * that once ran out of time is not run again by this runner: the build already failed, and
 * repeating it for every resource would only make the failure slow.
 */
export function createJqRunner(limits: JqLimits = DEFAULT_JQ_LIMITS): JqRunner {
  let worker: Promise<Worker> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let nextId = 0;
  const overBudget = new Set<string>();

  const retire = (w: Worker): void => {
    worker = undefined;
    void w.terminate();
  };

  const runNow = async (filter: string, inputJson: string): Promise<JqRun> => {
    if (overBudget.has(filter)) return { ok: false, error: timeoutMessage(limits, true) };
    worker ??= startWorker(limits);
    let w: Worker;
    try {
      w = await worker;
    } catch (error) {
      worker = undefined;
      return { ok: false, error: `jq could not start: ${errorText(error)}` };
    }
    const result = await exchange(w, ++nextId, filter, inputJson, limits);
    if (result.retire) retire(w);
    if (result.timedOut) overBudget.add(filter);
    return result.run;
  };

  return {
    run(filter, inputJson) {
      const next = queue.then(() => runNow(filter, inputJson));
      queue = next;
      return next;
    },
    async close() {
      await queue;
      const w = worker;
      worker = undefined;
      if (w) await (await w.catch(() => undefined))?.terminate();
    },
  };
}

/** Starts the worker and resolves once jq has loaded in it. */
function startWorker(limits: JqLimits): Promise<Worker> {
  return new Promise((resolve, reject) => {
    const w = new Worker(JQ_WORKER_SOURCE, {
      eval: true,
      workerData: {
        jqPath: createRequire(import.meta.url).resolve("jq-web"),
        maxMemoryBytes: limits.maxMemoryMiB * 1024 * 1024,
      },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxMemoryMiB },
      // jq's and Emscripten's own printing (`debug`, "Aborted()") is not for the user: drain it.
      stdout: true,
      stderr: true,
    });
    w.stdout.resume();
    w.stderr.resume();
    // An idle worker must not keep the process alive; a pending run's timer does.
    w.unref();
    w.once("message", () => resolve(w));
    w.once("error", reject);
    w.once("exit", (code) => reject(new Error(`the jq worker exited with code ${code}`)));
  });
}

interface Exchange {
  run: JqRun;
  /** The worker is unusable or still busy: stop it. */
  retire: boolean;
  timedOut: boolean;
}

/** Sends one filter to the worker and waits for its answer, its death or the deadline. */
function exchange(
  w: Worker,
  id: number,
  filter: string,
  inputJson: string,
  limits: JqLimits,
): Promise<Exchange> {
  return new Promise((resolve) => {
    const finish = (result: Exchange): void => {
      clearTimeout(timer);
      w.off("message", onMessage);
      w.off("error", onError);
      w.off("exit", onExit);
      resolve(result);
    };
    const onMessage = (reply: Reply): void => {
      if (reply.id !== id) return;
      if (reply.ok)
        return finish({
          run: { ok: true, output: reply.output ?? "" },
          retire: false,
          timedOut: false,
        });
      const error = reply.outOfMemory ? memoryMessage(limits) : (reply.error ?? "jq failed");
      finish({ run: { ok: false, error }, retire: reply.broken === true, timedOut: false });
    };
    const onError = (error: Error): void => {
      const outOfMemory = (error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY";
      const message = outOfMemory
        ? memoryMessage(limits)
        : `the jq worker failed: ${errorText(error)}`;
      finish({ run: { ok: false, error: message }, retire: true, timedOut: false });
    };
    const onExit = (code: number): void => {
      finish({
        run: { ok: false, error: `the jq worker exited with code ${code}` },
        retire: true,
        timedOut: false,
      });
    };
    const timer = setTimeout(
      () =>
        finish({
          run: { ok: false, error: timeoutMessage(limits, false) },
          retire: true,
          timedOut: true,
        }),
      limits.timeoutMs,
    );
    w.on("message", onMessage);
    w.on("error", onError);
    w.on("exit", onExit);
    w.postMessage({ id, filter, input: inputJson });
  });
}

function timeoutMessage(limits: JqLimits, repeated: boolean): string {
  const base = `it ran longer than ${limits.timeoutMs} ms (does it loop forever?)`;
  return repeated ? `${base}; it was stopped on an earlier resource and is not run again` : base;
}

function memoryMessage(limits: JqLimits): string {
  return `it needed more than ${limits.maxMemoryMiB} MiB of memory (does it build an endless list?)`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
