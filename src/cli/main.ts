// The process entry: wires the real streams, environment and compiler into runCli.
import { COMMANDS } from "./commands/index.js";
import { enableCompileCache } from "./compile-cache.js";
import { withStopSignalsDeferred } from "./defer-signals.js";
import type { Core, RepoRequest } from "./core.js";
import { internalErrorText } from "./internal-error.js";
import { isAlive } from "./process-alive.js";
import type { CliIo } from "./io.js";
import { runCli } from "./run-cli.js";
import { VERSION } from "./version.js";

// Before the first dynamic import: the compiler's modules (all but the 66 KB of the CLI's
// entry) are then read from Node's compile cache, where Node has one.
enableCompileCache();

const io: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  stderrIsTty: process.stderr.isTTY === true,
  stdoutIsTty: process.stdout.isTTY === true,
};

// A reader that goes away (`stackyard … | head`) is not an error worth a message.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

// Errors that escape every await (a stray callback) are bugs too: one line, exit 2.
const onEscaped = (error: unknown): void => {
  process.stderr.write(internalErrorText(error, process.env));
  process.exit(2);
};
process.on("uncaughtException", onEscaped);
process.on("unhandledRejection", onEscaped);

const host = {
  compilerVersion: VERSION,
  lock: { pid: process.pid, isAlive },
  // A build stopped while it writes out/ finishes the write first (see defer-signals.ts).
  whileWriting: <T>(write: () => Promise<T>) =>
    withStopSignalsDeferred(write, (line) => void process.stderr.write(`${line}\n`)),
};
// The compiler's identity keys the build cache; computed once, on the first build.
let identity: string | undefined;
const compilerId = async (): Promise<string> =>
  (identity ??= (await import("./compiler-id.js")).compilerIdentity(VERSION, import.meta.url));
// The compiler is imported on first use, so `--help`, `--version` and usage errors start
// without loading it (the bundle splits each dynamic import into its own chunk).
const compiler = () => import("../build/index.js");
const cache = () => import("../build/build-cache.js");
const cacheKey = async (req: RepoRequest) => ({
  compilerId: await compilerId(),
  config: req.config,
  onlyClusters: req.onlyClusters,
});
const core: Core = {
  loadConfig: async (root, explicitPath, cache) =>
    (await import("../build/config-memo.js")).loadConfigMemoized(
      root,
      explicitPath,
      await compilerId(),
      cache,
    ),
  listStacks: async (req) => (await compiler()).listRepoStacks(req),
  // A repository whose inputs and outputs are unchanged since the last build is answered from
  // the build cache without loading the compiler at all.
  buildRepo: async (req) => {
    const withHost = { ...req, host: { ...host, compilerId: await compilerId() } };
    if (req.cache === false) return (await compiler()).buildRepo(withHost);
    const found = await (await cache()).examineBuild(req.root, await cacheKey(req));
    if (found === undefined) return (await compiler()).buildRepo(withHost);
    // Only what changed since the recorded build is compiled, when that is exact.
    if (!("hit" in found)) return (await compiler()).buildChanged(withHost, found.stale);
    const { candidates, ...hit } = found.hit;
    if (candidates === undefined) return hit;
    // A file at the top of out/ that the build does not own: a manifest there is not read.
    const strays = await (
      await import("../build/stray-manifests.js")
    ).strayManifests(req.root, req.config, candidates);
    return {
      ...hit,
      diagnostics: [...hit.diagnostics, ...strays.diagnostics],
      sources: new Map([...hit.sources, ...strays.sources]),
    };
  },
  checkRepo: async (req) =>
    (await (await cache()).lookupDiagnostics(req.root, await cacheKey(req))) ??
    (await compiler()).checkRepo({ ...req, host }),
  validateRepo: async (req) => {
    const { examineBuild, diagnosticsOf, editedSinceRecord } = await cache();
    // A named file saved since the last build (an editor's `validate` on save) means a compile:
    // the compiler loads while the cache is examined, instead of after.
    const loading = editedSinceRecord(req.root, req.config.outDir, req.paths)
      ? compiler()
      : undefined;
    loading?.catch(() => {});
    const found = await examineBuild(req.root, await cacheKey(req), { outputs: "index" });
    if (found !== undefined && "hit" in found) return diagnosticsOf(found.hit, req.paths);
    const { validateRepo, validateChanged } = await (loading ?? compiler());
    return found === undefined ? validateRepo(req) : validateChanged(req, found.stale);
  },
  inspectRepo: async (req) => (await compiler()).inspectRepo(req),
  diffRevisions: async (req) => (await import("../diff/index.js")).diffRevisions(req),
  postPreview: async (target, markdown) => {
    const preview = await import("../preview/index.js");
    return preview.postPreview(preview.githubComments(target), markdown);
  },
  publishRendered: async (req) => (await import("../publish/index.js")).publishRendered(req),
  publishSourceRefusal: async (root, env) =>
    (await import("../publish/index.js")).publishSourceRefusal(root, env),
  evalTemplateFile: async (...args) =>
    (await import("../template/eval-command.js")).evalTemplateFile(...args),
};
process.exitCode = await runCli(process.argv.slice(2), {
  io,
  core,
  commands: COMMANDS,
  version: VERSION,
});
