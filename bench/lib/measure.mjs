// Runs a command as a separate process and measures it: wall time (from here), CPU time and
// peak RSS (GNU time when present, else an in-process wrapper for Node entry points).
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const GNU_TIME = "/usr/bin/time";
const hasGnuTime =
  existsSync(GNU_TIME) &&
  spawnSync(GNU_TIME, ["-f", "%M", "true"], { stdio: "ignore" }).status === 0;
const WRAPPER = path.join(import.meta.dirname, "rss-wrapper.mjs");

/** How peak memory is measured on this machine. */
export const memoryMethod = hasGnuTime
  ? "GNU time (%M)"
  : "process.resourceUsage().maxRSS via bench/lib/rss-wrapper.mjs";

/**
 * Runs `command args` once in `cwd`; stdout goes to `stdoutFile` (or is discarded). Returns wall
 * and CPU milliseconds, peak RSS in KiB (undefined when unknown) and the exit status.
 */
export function runOnce(command, args, { cwd, stdoutFile, node = false }) {
  const report = path.join(os.tmpdir(), `stackyard-bench-${process.pid}.time`);
  rmSync(report, { force: true });
  let argv;
  if (hasGnuTime) argv = [GNU_TIME, "-f", "%e %U %S %M", "-o", report, command, ...args];
  else if (node) argv = [process.execPath, WRAPPER, report, ...args];
  else argv = [command, ...args];
  const out = stdoutFile ? openSync(stdoutFile, "w") : "ignore";
  const start = performance.now();
  const run = spawnSync(argv[0], argv.slice(1), {
    cwd,
    stdio: ["ignore", out, "pipe"],
    maxBuffer: 64 << 20,
  });
  const wallMs = performance.now() - start;
  if (typeof out === "number") closeSync(out);
  const stats = readStats(report);
  return { wallMs, ...stats, status: run.status, stderr: run.stderr?.toString() ?? "" };
}

function readStats(report) {
  if (!existsSync(report)) return { cpuMs: undefined, maxRssKiB: undefined };
  const text = readFileSync(report, "utf8").trim();
  if (text.startsWith("{")) return JSON.parse(text);
  // GNU time prints "Command exited with non-zero status N" first when the command fails.
  const [, user, sys, rss] = text.split("\n").at(-1).split(" ").map(Number);
  return { cpuMs: (user + sys) * 1000, maxRssKiB: rss };
}

/** The median of numbers (undefined values are skipped). */
export function median(values) {
  const v = values.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/**
 * Runs one measured scenario `runs` times: `prepare(i)` (untimed) before each run, then the
 * command. Fails loudly when the command fails: a benchmark of a broken build measures nothing.
 */
export function sample(
  label,
  runs,
  { prepare, command, args, cwd, stdoutFile, node, allowFailure = false },
) {
  const all = [];
  for (let i = 0; i < runs; i++) {
    prepare?.(i);
    const r = runOnce(command, args, { cwd, stdoutFile, node });
    if (r.status !== 0 && !allowFailure) {
      throw new Error(
        `${label}: ${command} ${args.join(" ")} exited with ${r.status}\n${r.stderr.slice(-2000)}`,
      );
    }
    all.push(r);
    process.stderr.write(
      `  ${label} #${i + 1}: ${(r.wallMs / 1000).toFixed(2)} s wall` +
        (r.cpuMs === undefined ? "" : `, ${(r.cpuMs / 1000).toFixed(2)} s CPU`) +
        (r.maxRssKiB ? `, ${(r.maxRssKiB / 1024).toFixed(0)} MiB` : "") +
        "\n",
    );
  }
  return {
    wallMs: median(all.map((r) => r.wallMs)),
    cpuMs: median(all.map((r) => r.cpuMs)),
    maxRssMiB: median(all.map((r) => (r.maxRssKiB === undefined ? undefined : r.maxRssKiB / 1024))),
    runs: all.map((r) => ({
      wallMs: Math.round(r.wallMs),
      cpuMs: r.cpuMs === undefined ? undefined : Math.round(r.cpuMs),
      maxRssKiB: r.maxRssKiB,
      // An incremental build says how many manifest files it compiled: `(N recompiled)`.
      recompiled: Number(/ \((\d+) recompiled\)/.exec(r.stderr)?.[1] ?? Number.NaN),
    })),
  };
}
