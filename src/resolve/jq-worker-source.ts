/**
 * The program of the jq worker thread, as JavaScript text.
 *
 * It is text, run with `new Worker(source, { eval: true })`, because the CLI ships as one bundled
 * file: a worker needs a script of its own, and an eval worker needs none. It stays plain
 * CommonJS that every Node 20 runs as is, and it uses nothing but its `workerData`.
 *
 * Before jq loads, the worker caps the growth of WebAssembly memory: jq allocates through
 * `WebAssembly.Memory.prototype.grow`, so a refused growth makes jq's own allocator fail and jq
 * abort, instead of a runaway filter taking gigabytes. An abort leaves the WebAssembly instance
 * unusable, so such an answer is marked `broken` and the host starts a fresh worker.
 *
 * Messages in: `{ id, filter, input }` (input is JSON text). Messages out:
 * `{ id, ok: true, output }` or `{ id, ok: false, error, broken, outOfMemory }`.
 */
export const JQ_WORKER_SOURCE = String.raw`
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const PAGE = 65536;
const grow = WebAssembly.Memory.prototype.grow;
let memoryRefused = false;
WebAssembly.Memory.prototype.grow = function (pages) {
  if (this.buffer.byteLength + pages * PAGE > workerData.maxMemoryBytes) {
    memoryRefused = true;
    throw new RangeError("jq memory limit reached");
  }
  return grow.call(this, pages);
};
require(workerData.jqPath).then((jq) => {
  parentPort.on("message", ({ id, filter, input }) => {
    try {
      parentPort.postMessage({ id, ok: true, output: jq.raw(input, filter, ["-c"]) });
    } catch (error) {
      const text = String((error && error.message) || error);
      // jq's own errors carry an exit code; anything else (an abort) broke the instance.
      const broken = !(error && typeof error.exitCode === "number");
      parentPort.postMessage({ id, ok: false, error: text, broken, outOfMemory: memoryRefused });
    }
  });
  parentPort.postMessage({ ready: true });
});
`;
