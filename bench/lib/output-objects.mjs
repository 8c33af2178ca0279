// Reads a built out/ tree back into objects (path → object) so the floor script can write the
// same objects without compiling anything.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { load } from "js-yaml";

/** Every YAML file under `outDir` (stackyard's own bookkeeping excluded), parsed. */
export function collectOutputObjects(outDir) {
  const objects = {};
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== ".stackyard") walk(full);
      else if (entry.isFile() && entry.name.endsWith(".yaml"))
        objects[path.relative(outDir, full)] = load(readFileSync(full, "utf8"));
    }
  };
  walk(outDir);
  return objects;
}
