import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ConformanceCase, GoOutcome } from "./case-types.js";

/** The oracle's source folder; the built binary `oracle` sits beside main.go (git-ignored). */
export const ORACLE_DIR = fileURLToPath(new URL("../go-oracle/", import.meta.url));
const ORACLE_BIN = `${ORACLE_DIR}oracle`;

// Debian's golang-* -dev packages install sources into /usr/share/gocode, a GOPATH: building in
// GOPATH mode uses exactly those versions and needs no network.
const GO_ENV = { ...process.env, GO111MODULE: "off", GOPATH: "/usr/share/gocode" };

/** Builds the oracle with Debian's Go; throws with the compiler output when that fails. */
export function buildOracle(): void {
  const res = spawnSync("go", ["build", "-o", "oracle", "."], {
    cwd: ORACLE_DIR,
    env: GO_ENV,
    encoding: "utf8",
  });
  if (res.error) {
    throw new Error(
      `cannot run go (${res.error.message}); install it with scripts/install-go-oracle-deps.sh`,
    );
  }
  if (res.status !== 0) throw new Error(`go build of the oracle failed:\n${res.stderr}`);
}

/** `go version` of the toolchain that builds the oracle, recorded next to the expectations. */
export function goVersion(): string {
  const res = spawnSync("go", ["version"], { env: GO_ENV, encoding: "utf8" });
  return res.status === 0 ? res.stdout.trim() : "unknown";
}

/** Renders the cases with Go in one process; results keyed by case id. */
export function runOracle(cases: readonly ConformanceCase[]): Map<string, GoOutcome> {
  const input = cases.map(({ id, template, data, missingKey }) => ({
    id,
    template,
    data,
    ...(missingKey ? { missingKey } : {}),
  }));
  const res = spawnSync(ORACLE_BIN, [], {
    input: JSON.stringify(input),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (res.error) throw new Error(`cannot run the oracle: ${res.error.message}`);
  if (res.status !== 0) throw new Error(`the oracle failed (${res.status}):\n${res.stderr}`);
  const results = JSON.parse(res.stdout) as (GoOutcome & { id: string })[];
  return new Map(results.map(({ id, ...outcome }) => [id, outcome]));
}
