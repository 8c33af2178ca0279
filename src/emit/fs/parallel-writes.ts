import { writeFileSync } from "node:fs";
import { startEvalWorker } from "./eval-worker.js";

/**
 * Writes many new files on two threads: a cold build at 10,000 resources writes 80,000, and
 * each write (open, write, close) costs 10–25 µs here, nearly all of it in the kernel.
 *
 * Unlike the calls of parallel-calls.ts, a write needs its text, which lives on this thread.
 * So this thread hands the worker a chunk at a time, taken from the end of the list, whenever
 * the worker says (through shared memory) that it is idle, and writes from the front itself
 * in between: at most one chunk is ever copied over, and neither thread waits for the other
 * but at the very end. Below WRITE_SPLIT_AT files no worker is started: its start-up (about
 * 40 ms) costs more than it saves.
 */

export const WRITE_SPLIT_AT = 4096;
const CHUNK_SIZE = 128;

/** The shared state: whether the worker waits for a chunk, and whether to stop writing. */
const IDLE = 0;
const STOPPED = 1;

export interface FileToWrite {
  path: string;
  content: string;
}

export interface WriteOptions {
  /** From how many files on a worker shares the writes (tests lower it). */
  splitAt?: number;
  chunkSize?: number;
  /** Tests: this thread writes nothing and hands every chunk to the worker, one at a time. */
  workerOnly?: boolean;
  /** Tests: another program for the worker (one that dies part way, say). */
  workerSource?: string;
}

/** A write that failed, as the worker reports it: like the error writeFileSync throws. */
interface WriteError {
  code: string;
  message: string;
  path: string;
}

/** The worker: writes each chunk it is sent, then says it is idle again. */
const WORKER_SOURCE = String.raw`
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
const { base, state } = workerData;
parentPort.on("message", ({ paths, bytes, ends }) => {
  const all = new Uint8Array(bytes);
  for (let i = 0, start = 0; i < paths.length; start = ends[i++]) {
    if (Atomics.load(state, ${STOPPED}) !== 0) return;
    try {
      fs.writeFileSync(base + paths[i], all.subarray(start, ends[i]));
    } catch (error) {
      Atomics.store(state, ${STOPPED}, 1);
      const e = { code: String((error && error.code) || ""), message: String((error && error.message) || error), path: base + paths[i] };
      parentPort.postMessage({ error: e });
      return;
    }
  }
  parentPort.postMessage({ done: true });
  Atomics.store(state, ${IDLE}, 1);
});
Atomics.store(state, ${IDLE}, 1);
`;

/**
 * Writes `base + f.path` with `f.content` for every file (the folders exist). Throws the first
 * error (with its `code` and `path`), once no thread writes any more.
 */
export async function writeFiles(
  base: string,
  files: readonly FileToWrite[],
  options: WriteOptions = {},
): Promise<void> {
  const chunkSize = options.chunkSize ?? CHUNK_SIZE;
  const state = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  const worker =
    files.length >= (options.splitAt ?? WRITE_SPLIT_AT)
      ? startWriter(options.workerSource ?? WORKER_SOURCE, base, state)
      : undefined;
  let front = 0;
  let back = files.length;
  /** The files handed to the worker and not yet reported written. */
  let handed: { from: number; to: number } | undefined;
  try {
    if (options.workerOnly === true && worker !== undefined) {
      for (let to = files.length; to > 0; to -= chunkSize) {
        const chunk = files.slice(Math.max(0, to - chunkSize), to);
        worker.send(
          chunk.map((f) => f.path),
          chunk.map((f) => f.content),
        );
        const outcome = await worker.allDone();
        if (outcome !== "done")
          throw outcome === "died" ? new Error("the writer died") : writeError(outcome);
      }
      return;
    }
    // Until the worker stops at an error: what it failed to write is the error thrown below.
    while (front < back && Atomics.load(state, STOPPED) === 0) {
      if (worker !== undefined && handed === undefined && Atomics.load(state, IDLE) === 1) {
        Atomics.store(state, IDLE, 0);
        const from = Math.max(front, back - chunkSize);
        const chunk = files.slice(from, back);
        handed = { from, to: back };
        worker.send(
          chunk.map((f) => f.path),
          chunk.map((f) => f.content),
        );
        back = from;
        continue;
      }
      const f = files[front++]!;
      writeFileSync(base + f.path, f.content);
      // A chunk the worker finished frees it for the next one.
      if (handed !== undefined && Atomics.load(state, IDLE) === 1) handed = undefined;
    }
    if (worker === undefined || handed === undefined) return;
    const outcome = await worker.allDone();
    if (outcome === "done") return;
    if (outcome !== "died") throw writeError(outcome);
    // The worker is gone mid-chunk: write the chunk here (a file it wrote is written again).
    for (let i = handed.from; i < handed.to; i++)
      writeFileSync(base + files[i]!.path, files[i]!.content);
  } finally {
    Atomics.store(state, STOPPED, 1);
    // Stopped, not only asked to: the caller may remove the folder being written to.
    await worker?.terminate();
  }
}

function writeError(e: WriteError): Error {
  return Object.assign(new Error(e.message), { code: e.code, path: e.path });
}

interface Writer {
  send(paths: string[], contents: string[]): void;
  /** Resolves when every chunk sent is written, one failed, or the worker died. */
  allDone(): Promise<"done" | "died" | WriteError>;
  terminate(): Promise<unknown>;
}

function startWriter(source: string, base: string, state: Int32Array): Writer | undefined {
  const worker = startEvalWorker(source, { base, state });
  if (worker === undefined) return undefined;
  // Counted, not flagged: the reports of earlier chunks may still be queued.
  let sent = 0;
  let written = 0;
  let failure: WriteError | "died" | undefined;
  let waiting: (() => void) | undefined;
  worker.on("message", (m: { done?: true; error?: WriteError }) => {
    if (m.error !== undefined) failure ??= m.error;
    else written++;
    waiting?.();
  });
  const died = () => {
    failure ??= "died";
    waiting?.();
  };
  worker.once("error", died);
  worker.once("exit", died);
  return {
    send: (paths, contents) => {
      sent++;
      // The chunk goes over as UTF-8 in one transferred buffer, not as strings: cloning the
      // strings cost this thread 3–5 ms per MB at 10,000 resources (363 ms of a cold build's
      // profile), encoding them here well under 1 ms, and the worker then writes bytes.
      let size = 0;
      for (const c of contents) size += Buffer.byteLength(c);
      const bytes = Buffer.allocUnsafeSlow(size);
      const ends = new Array<number>(contents.length);
      let end = 0;
      for (let i = 0; i < contents.length; i++) ends[i] = end += bytes.write(contents[i]!, end);
      worker.postMessage({ paths, bytes: bytes.buffer, ends }, [bytes.buffer]);
    },
    allDone: () =>
      new Promise((resolve) => {
        const check = () => {
          if (failure !== undefined) resolve(failure);
          else if (written === sent) resolve("done");
          else return;
          waiting = undefined;
        };
        waiting = check;
        check();
      }),
    terminate: () => {
      worker.off("exit", died);
      worker.off("error", died);
      return worker.terminate();
    },
  };
}
