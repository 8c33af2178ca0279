// The stage micro-benchmarks that live next to this harness (bench/template.ts, bench/emit.ts):
// bundled with esbuild the way their headers say, run once each, their output kept verbatim.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const SUB_BENCHES = {
  template: { source: "bench/template.ts", args: () => [] },
  emit: { source: "bench/emit.ts", args: (resources) => [String(resources)] },
};

/** Runs each sub-bench; a failing one is reported, not fatal. */
export function runSubBenches(root, resources) {
  // Inside node_modules so the bundles' external imports resolve to the project's packages.
  const cache = path.join(root, "node_modules/.cache/stackyard-bench");
  mkdirSync(cache, { recursive: true });
  const results = {};
  for (const [name, bench] of Object.entries(SUB_BENCHES)) {
    if (!existsSync(path.join(root, bench.source))) continue;
    process.stderr.write(`\n== sub-bench ${name}\n`);
    const outfile = path.join(cache, `${name}.mjs`);
    try {
      execFileSync(
        path.join(root, "node_modules/.bin/esbuild"),
        [
          bench.source,
          "--bundle",
          "--platform=node",
          "--format=esm",
          "--packages=external",
          `--outfile=${outfile}`,
          "--log-level=warning",
        ],
        { cwd: root },
      );
      const start = performance.now();
      const output = execFileSync(process.execPath, [outfile, ...bench.args(resources)], {
        cwd: root,
        env: { ...process.env, BENCH_DIR: existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir() },
      }).toString();
      process.stderr.write(output);
      results[name] = { ok: true, wallMs: Math.round(performance.now() - start), output };
    } catch (error) {
      results[name] = { ok: false, error: String(error.message ?? error).split("\n")[0] };
    }
  }
  return results;
}
