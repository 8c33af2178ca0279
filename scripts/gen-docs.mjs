// Writes the documentation pages generated from the source (src/scaffold/docs/index.ts):
// the manifest reference and the troubleshooting page. With --check, writes nothing and exits 1
// when a page is stale, the way `stackyard check` guards out/.
//
//   node scripts/gen-docs.mjs           refresh docs/
//   node scripts/gen-docs.mjs --check   fail when docs/ is stale
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const check = process.argv.includes("--check");

// The generators are TypeScript: bundle them next to node_modules so their imports resolve.
const bundle = path.join(root, "node_modules/.cache/stackyard/gen-docs.mjs");
await mkdir(path.dirname(bundle), { recursive: true });
await build({
  entryPoints: [path.join(root, "src/scaffold/docs/index.ts")],
  outfile: bundle,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
const { GENERATED_DOCS } = await import(`${pathToFileURL(bundle).href}?t=${Date.now()}`);

const stale = [];
for (const [rel, generate] of Object.entries(GENERATED_DOCS)) {
  const file = path.join(root, rel);
  const text = generate();
  const current = await readFile(file, "utf8").catch(() => undefined);
  if (current === text) continue;
  stale.push(rel);
  if (!check) await writeFile(file, text);
}

if (check && stale.length > 0) {
  console.error(`stale generated docs: ${stale.join(", ")}\nrun: node scripts/gen-docs.mjs`);
  process.exit(1);
}
console.log(stale.length === 0 ? "docs: up to date" : `docs: wrote ${stale.join(", ")}`);
