// The floor a compiler cannot beat by much: read and parse every input manifest, then
// stringify and write the same output objects, one file each, with js-yaml. Run as its own
// process by the bench: node floor.mjs REPO OBJECTS.json OUT
// (OBJECTS.json holds stackyard's output objects, path → object, so the bytes are equivalent.)
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dump, loadAll } from "js-yaml";

const [repo, objectsFile, out] = process.argv.slice(2);

/** Every .yaml file under `dir`, recursively (what discovery would find). */
function yamlFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "out") found.push(...yamlFiles(full));
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) found.push(full);
  }
  return found;
}

let documents = 0;
for (const file of yamlFiles(repo)) documents += loadAll(readFileSync(file, "utf8")).length;
const objects = JSON.parse(readFileSync(objectsFile, "utf8"));
const made = new Set();
for (const [rel, object] of Object.entries(objects)) {
  const dir = path.dirname(path.join(out, rel));
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  writeFileSync(path.join(out, rel), dump(object, { lineWidth: -1, noRefs: true }));
}
process.stderr.write(
  `floor: ${documents} documents read, ${Object.keys(objects).length} files written\n`,
);
