// Re-records the Go template conformance expectations: regenerates
// test/template/conformance/cases/generated.yaml from its seed and rewrites expected.json from
// the Go oracle (needs Go and the Sprig sources: scripts/install-go-oracle-deps.sh), then runs
// the suite. Review the diff of expected.json before committing it.
import { spawnSync } from "node:child_process";

const res = spawnSync("npx", ["vitest", "run", "test/template/conformance"], {
  stdio: "inherit",
  env: { ...process.env, STACKYARD_UPDATE_GOLDEN: "1" },
});
process.exit(res.status ?? 2);
