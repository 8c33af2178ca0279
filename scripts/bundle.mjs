// Bundles the CLI into one ES module so start-up does not pay for resolving hundreds of files.
import { build } from "esbuild";

await build({
  entryPoints: ["src/cli/main.ts"],
  outfile: "dist/stackyard.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: "linked",
  legalComments: "none",
  logLevel: "warning",
  // jq-web loads its WebAssembly next to its own file: keep it a real package.
  external: ["jq-web"],
  banner: {
    js: "import { createRequire as __stackyardCreateRequire } from 'node:module'; const require = __stackyardCreateRequire(import.meta.url);",
  },
});
