// `node bench/gitops.mjs [--size 10000] [--engine flux|argocd] [--keep]`: builds a generated
// platform repository (bench/gitops-repo.mjs) delivered to one GitOps cluster, then runs
// `kubectl kustomize` on every sync unit, as Flux does on each reconcile and Argo CD on each
// refresh. Reports the build time, the units, and the largest unit's objects and kustomize
// time. Run after `npm run build`; needs kubectl on PATH.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { generateGitopsRepo } from "./gitops-repo.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values: opts } = parseArgs({
  options: {
    size: { type: "string", default: "10000" },
    engine: { type: "string", default: "flux" },
    keep: { type: "boolean", default: false },
  },
});

const dir = mkdtempSync(path.join(os.tmpdir(), "stackyard-bench-gitops-"));
try {
  generateGitopsRepo(dir, Number(opts.size), opts.engine);
  const build = timed(() =>
    execFileSync(process.execPath, [path.join(ROOT, "bin/stackyard.js"), "build", "--quiet"], {
      cwd: dir,
      stdio: "inherit",
    }),
  );
  const units = unitFolders(path.join(dir, "out/bench/bootstrap"));
  const measured = units.map((folder) => {
    let yaml = "";
    const seconds = timed(() => {
      yaml = execFileSync("kubectl", ["kustomize", path.join(dir, folder)], {
        maxBuffer: 1 << 30,
      }).toString();
    });
    return { folder, objects: yaml.split(/^kind: /m).length - 1, seconds };
  });
  const largest = measured.reduce((a, b) => (b.objects > a.objects ? b : a));
  const slowest = measured.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  const total = measured.reduce((sum, m) => sum + m.objects, 0);
  console.log(`resources                 ${opts.size}`);
  console.log(`stackyard build           ${build.toFixed(1)} s`);
  console.log(`objects in sync units     ${total}`);
  console.log(`sync units                ${measured.length}`);
  console.log(
    `largest unit              ${largest.folder}: ${largest.objects} objects, kubectl kustomize ${largest.seconds.toFixed(2)} s`,
  );
  console.log(
    `slowest unit              ${slowest.folder}: ${slowest.objects} objects, ${slowest.seconds.toFixed(2)} s`,
  );
  console.log(
    `all units, one after another ${measured.reduce((s, m) => s + m.seconds, 0).toFixed(1)} s`,
  );
} finally {
  if (opts.keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

/** The folders the bootstrap objects point at, relative to the repository root. */
function unitFolders(bootstrap) {
  return readdirSync(bootstrap)
    .filter((f) => f !== "kustomization.yaml")
    .map((f) => parse(readFileSync(path.join(bootstrap, f), "utf8")))
    .filter(
      (o) =>
        (o.kind === "Kustomization" || o.kind === "Application") &&
        !o.metadata.name.endsWith("-bootstrap"),
    )
    .map((o) =>
      (o.kind === "Kustomization" ? o.spec.path : o.spec.source.path).replace(/^\.\//, ""),
    );
}

function timed(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}
