import { Worker } from "node:worker_threads";

/**
 * A worker thread running `source` (CommonJS, evaluated: the CLI ships as one bundle, so a
 * worker has no file of its own), with its stdout and stderr drained; undefined when it
 * cannot be started, for the caller to do the work on this thread.
 */
export function startEvalWorker(source: string, workerData: unknown): Worker | undefined {
  let worker: Worker;
  try {
    worker = new Worker(source, { eval: true, workerData, stdout: true, stderr: true });
  } catch {
    return undefined;
  }
  worker.stdout.resume();
  worker.stderr.resume();
  return worker;
}
