// Bundles the CLI into ES modules so start-up does not pay for resolving hundreds of files:
// dist/stackyard.js is the entry (commands, help, configuration); the compiler and the other
// lazily imported parts are split into dist/chunks/, loaded only by the commands that need them.
// The static ajv schemas (resource envelopes, the CRDs stackyard emits, stackyard.yaml) and the
// built-in stacks' stackSpec schemas are precompiled here (ajv standalone mode), and the built-in
// stacks are snapshotted: each generated module replaces its empty stand-in in src/, so no schema
// of ours is compiled, and no unused built-in stack parsed, at run time.
//
//   node scripts/bundle.mjs [--outdir DIR] [--no-precompile]
// --outdir defaults to dist; --no-precompile keeps the run-time compile (to measure the gain).
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values: opts } = parseArgs({
  options: {
    outdir: { type: "string", default: "dist" },
    "no-precompile": { type: "boolean", default: false },
  },
});
const outdir = path.resolve(ROOT, opts.outdir);

/**
 * The precompiled modules: each stand-in (a module exporting an empty map or undefined, used
 * when running from source) and the build-time function that generates its replacement.
 */
const PRECOMPILED = [
  {
    standIn: "src/validate/standalone-validators.ts",
    generator: "src/validate/precompile.ts",
    generate: "standaloneValidatorsSource",
  },
  {
    standIn: "src/check/k8s/standalone-crd-validators.ts",
    generator: "src/check/k8s/precompile-crd-validators.ts",
    generate: "crdValidatorsSource",
  },
  {
    standIn: "src/config/standalone-config-validator.ts",
    generator: "src/config/precompile-config-validator.ts",
    generate: "configValidatorSource",
  },
  {
    standIn: "src/validate/standalone-stack-spec-validators.ts",
    generator: "src/build/precompile-stack-spec-validators.ts",
    generate: "builtinStackSpecValidatorsSource",
  },
  {
    standIn: "src/build/standalone-builtin-stacks.ts",
    generator: "src/build/snapshot-builtin-stacks.ts",
    generate: "builtinStacksSnapshotSource",
  },
];

/** Runs each generator (bundled to a cache file, as Node cannot load .ts): stand-in path → ESM source. */
async function precompiledSources() {
  // Inside node_modules so the generators' own imports (ajv) resolve to the project's packages.
  const cache = path.join(ROOT, "node_modules/.cache/stackyard-bundle");
  mkdirSync(cache, { recursive: true });
  const sources = new Map();
  for (const { standIn, generator, generate } of PRECOMPILED) {
    const outfile = path.join(cache, `${path.basename(generator, ".ts")}.mjs`);
    await build({
      entryPoints: [path.join(ROOT, generator)],
      outfile,
      bundle: true,
      platform: "node",
      format: "esm",
      packages: "external",
      logLevel: "warning",
    });
    const module = await import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
    sources.set(path.join(ROOT, standIn), await module[generate]("esm"));
  }
  return sources;
}

/** Serves the generated code in place of each stand-in module. */
function precompiledValidators(sources) {
  return {
    name: "precompiled-validators",
    setup(b) {
      b.onLoad({ filter: /[\\/]standalone-[a-z-]+\.ts$/ }, (args) => {
        const contents = sources.get(args.path);
        if (contents === undefined) return undefined;
        return { contents, loader: "js", resolveDir: path.dirname(args.path) };
      });
    },
  };
}

const result = await build({
  entryPoints: { stackyard: path.join(ROOT, "src/cli/main.ts") },
  outdir,
  chunkNames: "chunks/[name]-[hash]",
  splitting: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: "linked",
  legalComments: "none",
  // Whitespace and syntax only (names stay, for stack traces and the source map): V8 parses
  // every chunk a command loads, and less text is less start-up (about 30 ms of `validate`).
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
  metafile: true,
  plugins: opts["no-precompile"] ? [] : [precompiledValidators(await precompiledSources())],
  // jq-web loads its WebAssembly next to its own file: keep it a real package.
  external: ["jq-web"],
  // ajv-formats-draft2019 requires `punycode`, which is Node's deprecated module of that name
  // unless bundled: Node 21 and later print a DeprecationWarning for it on every build.
  alias: { punycode: "punycode/punycode.js" },
  banner: {
    js: "import { createRequire as __stackyardCreateRequire } from 'node:module'; const require = __stackyardCreateRequire(import.meta.url);",
  },
});

// Chunks of earlier builds are named by other hashes: remove the ones this build did not write.
const written = new Set(Object.keys(result.metafile.outputs).map((p) => path.resolve(ROOT, p)));
const chunks = path.join(outdir, "chunks");
for (const name of readdirSync(chunks)) {
  if (!written.has(path.join(chunks, name))) rmSync(path.join(chunks, name), { force: true });
}
