// Bundles the CLI into ES modules so start-up does not pay for resolving hundreds of files:
// dist/stackyard.js is the entry (commands, help, configuration); the compiler and the other
// lazily imported parts are split into dist/chunks/, loaded only by the commands that need them.
// The static ajv schemas are precompiled here (ajv standalone mode) and replace
// src/validate/standalone-validators.ts in the bundle, so no envelope schema is compiled at run time.
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

/** Runs src/validate/precompile.ts (bundled to a cache file, as Node cannot load .ts) for the ESM source. */
async function standaloneValidatorsSource() {
  // Inside node_modules so the generator's own imports (ajv) resolve to the project's packages.
  const generator = path.join(ROOT, "node_modules/.cache/stackyard-bundle/precompile.mjs");
  mkdirSync(path.dirname(generator), { recursive: true });
  await build({
    entryPoints: [path.join(ROOT, "src/validate/precompile.ts")],
    outfile: generator,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "warning",
  });
  const { standaloneValidatorsSource: generate } = await import(
    `${pathToFileURL(generator).href}?t=${Date.now()}`
  );
  return generate("esm");
}

/** Serves the generated validators in place of the (empty) source module. */
function precompiledValidators(source) {
  return {
    name: "precompiled-validators",
    setup(b) {
      b.onResolve({ filter: /\/standalone-validators\.js$/ }, (args) =>
        args.importer.includes(`${path.sep}src${path.sep}validate${path.sep}`)
          ? { path: "standalone-validators", namespace: "stackyard-precompiled" }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: "stackyard-precompiled" }, () => ({
        contents: source,
        loader: "js",
        resolveDir: path.join(ROOT, "src/validate"),
      }));
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
  logLevel: "warning",
  metafile: true,
  plugins: opts["no-precompile"] ? [] : [precompiledValidators(await standaloneValidatorsSource())],
  // jq-web loads its WebAssembly next to its own file: keep it a real package.
  external: ["jq-web"],
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
