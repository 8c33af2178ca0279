import fc from "fast-check";
import { compileRepoFiles, type CompiledRepo } from "../../src/build/index.js";
import { DEFAULT_CONFIG } from "../../src/config/types.js";
import { diag } from "../../src/diagnostics/diagnostic.js";
import type { RepoFs } from "../../src/discover/repo-fs.js";

/**
 * A repository held in memory. `order` decides the order in which the compiler is handed the
 * manifest list, so a test can prove the output does not depend on it.
 */
export function memoryRepoFs(
  files: ReadonlyMap<string, string>,
  order: (paths: string[]) => string[] = (p) => p.sort(),
): RepoFs {
  return {
    listManifests: async () => order([...files.keys()].filter((p) => /\.ya?ml$/.test(p))),
    read: async (rel) => {
      const text = files.get(rel);
      return text === undefined
        ? {
            ok: false,
            diagnostic: diag("INCLUDE_NOT_FOUND", `${rel} does not exist`, { file: rel }),
          }
        : { ok: true, text };
    },
    exists: async (rel) => files.has(rel),
  };
}

/** Compiles an in-memory repository with the default configuration, as `stackyard build` would. */
export function compileMemoryRepo(
  files: ReadonlyMap<string, string>,
  order?: (paths: string[]) => string[],
): Promise<CompiledRepo> {
  return compileRepoFiles({
    root: "/in-memory-repo",
    fs: memoryRepoFs(files, order),
    config: DEFAULT_CONFIG,
  });
}

/** The out/ files of a compile as one comparable text: every path and its exact content. */
export function outputBytes(compiled: CompiledRepo): string {
  return compiled.files.map((f) => `=== ${f.path}\n${f.content}`).join("");
}

const NAME = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5})?$/);
const WORKSPACE = fc.constantFrom("public", "shop", "team-a");
const TAG = fc.stringMatching(/^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}$/);
const ENV_KEY = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/);
const ENV_VALUE = fc.oneof(
  fc.stringMatching(/^[a-z0-9 ._:/-]{0,16}$/),
  fc.constantFrom("yes", "no", "on", "0123", "1e3", "*/5 * * * *", "null", "~"),
);

interface RunnableShape {
  type: "worker" | "service" | "workflow";
  name: string;
  workspace: string;
  tag: string;
  replicas: number;
  envs: Record<string, string>;
  port: number;
  jobs: number;
}

const RUNNABLE: fc.Arbitrary<RunnableShape> = fc.record({
  type: fc.constantFrom("worker", "service", "workflow"),
  name: NAME,
  workspace: WORKSPACE,
  tag: TAG,
  replicas: fc.integer({ min: 1, max: 4 }),
  envs: fc.dictionary(ENV_KEY, ENV_VALUE, { maxKeys: 3 }),
  port: fc.integer({ min: 1024, max: 65535 }),
  jobs: fc.integer({ min: 1, max: 3 }),
});

/** The YAML of one runnable resource, written by hand the way users write it. */
function runnableYaml(r: RunnableShape): string {
  const envs = Object.entries(r.envs)
    .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}\n`)
    .join("");
  const spec = (indent: string) =>
    `${indent}stack: container\n${indent}compute: runnable-default\n` +
    (envs === "" ? "" : `${indent}envs:\n${envs.replace(/^ {4}/gm, `${indent}  `)}`) +
    `${indent}resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m, memory: 256Mi}}\n` +
    `${indent}stackSpec:\n${indent}  image: ghcr.io/acme/${r.name}:${r.tag}\n`;
  const head = `name: ${r.name}\nversion: ${r.type === "worker" ? "v1beta" : "v1"}\ntype: ${r.type}\nworkspace: ${r.workspace}\n`;
  if (r.type === "service")
    return `${head}service:\n  servicePort: ${r.port}\n  replicas: ${r.replicas}\n${spec("  ")}`;
  if (r.type === "worker") return `${head}worker:\n  replicas: ${r.replicas}\n${spec("  ")}`;
  const jobs = Array.from({ length: r.jobs }, (_, i) => {
    const deps = i === 0 ? "" : `    dependencies: [job${i - 1}]\n`;
    return `  - name: job${i}\n${deps}    spec:\n${spec("      ")}`;
  }).join("");
  return `${head}workflow:\n  dag:\n${jobs}`;
}

/**
 * A valid repository: distinct runnables (type, workspace and name unique), each in a file
 * whose name is unrelated to the resource, sometimes several to a file as YAML documents.
 */
export const VALID_REPO: fc.Arbitrary<Map<string, string>> = fc
  .uniqueArray(RUNNABLE, {
    minLength: 1,
    maxLength: 6,
    selector: (r) => `${r.workspace}/${r.name}`,
  })
  .chain((runnables) =>
    fc
      .array(fc.stringMatching(/^[a-z]{1,6}$/), {
        minLength: runnables.length,
        maxLength: runnables.length,
      })
      .map((fileNames) => {
        const files = new Map<string, string>();
        runnables.forEach((r, i) => {
          const file = `resources/${fileNames[i]}.yaml`;
          const previous = files.get(file);
          files.set(
            file,
            previous === undefined ? runnableYaml(r) : `${previous}---\n${runnableYaml(r)}`,
          );
        });
        return files;
      }),
  );
