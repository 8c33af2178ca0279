// Times `stackyard diff` and `stackyard preview --dry-run` on a one-line change in a generated
// platform repository of 2,000 resources (services, workers and workflows on the built-in
// container stack), the way CI runs them: the real CLI process, a real git repository.
// Run after `npm run build`:  node bench/preview.mjs [resources]
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const RESOURCES = Number(process.argv[2] ?? 2000);
const BIN = path.resolve(import.meta.dirname, "../bin/stackyard.js");
const dir = mkdtempSync(path.join(os.tmpdir(), "stackyard-bench-preview-"));
const git = (...args) => execFileSync("git", args, { cwd: dir, env: { ...process.env, GIT_AUTHOR_NAME: "b", GIT_AUTHOR_EMAIL: "b@b", GIT_COMMITTER_NAME: "b", GIT_COMMITTER_EMAIL: "b@b" } });

function resource(i) {
  const name = `app-${String(i).padStart(4, "0")}`;
  const workspace = `team-${i % 20}`;
  const common = `  stack: container\n  compute: runnable-default\n  resources:\n    requests: {cpu: 100m, memory: 128Mi}\n    limits: {cpu: 200m, memory: 256Mi}\n`;
  const image = `  stackSpec:\n    image: ghcr.io/acme/${name}:1.0.${i}\n`;
  if (i % 3 === 0) return `name: ${name}\nversion: v1\ntype: service\nworkspace: ${workspace}\nservice:\n  replicas: 2\n  servicePort: 8080\n${common}${image}`;
  if (i % 3 === 1) return `name: ${name}\nversion: v1beta\ntype: worker\nworkspace: ${workspace}\nworker:\n  replicas: 1\n${common}${image}`;
  return `name: ${name}\nversion: v1\ntype: workflow\nworkspace: ${workspace}\nworkflow:\n  schedule:\n    cron: "${i % 60} 3 * * *"\n  dag:\n    - name: run\n      spec:\n${common.replace(/^/gm, "      ").trimEnd()}\n${image.replace(/^/gm, "      ").trimEnd()}\n`;
}

function time(label, args) {
  const start = performance.now();
  execFileSync(process.execPath, [BIN, ...args], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  const ms = performance.now() - start;
  console.log(`${label}: ${(ms / 1000).toFixed(2)} s`);
  return ms;
}

try {
  writeFileSync(path.join(dir, "stackyard.yaml"), "roots: [resources]\n");
  for (let i = 0; i < RESOURCES; i++) {
    const folder = path.join(dir, "resources", `team-${i % 20}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `app-${i}.yaml`), resource(i));
  }
  git("init", "-q", "--initial-branch=main");
  git("add", "-A");
  git("commit", "-q", "-m", "base");
  git("tag", "base");
  const changed = path.join(dir, "resources/team-3/app-3.yaml");
  writeFileSync(changed, readFileSync(changed, "utf8").replace("servicePort: 8080", "servicePort: 9090"));
  console.log(`${RESOURCES} resources, one changed line`);
  time("stackyard build (one revision, for scale)", ["build"]);
  time("stackyard diff --base base (work tree head)", ["diff", "--base", "base"]);
  git("commit", "-q", "-am", "change");
  time("stackyard diff --base base --head HEAD (both from git)", ["diff", "--base", "base", "--head", "HEAD", "--output", "markdown"]);
  time("stackyard preview --dry-run", ["preview", "--base", "base", "--head", "HEAD", "--pr", "1", "--dry-run"]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
