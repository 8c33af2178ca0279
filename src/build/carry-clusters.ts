import { readFile } from "node:fs/promises";
import path from "node:path";
import { INDEX_PATH, readIndex } from "../emit/index.js";
import type { OutputFile } from "../emit/types.js";

/**
 * `build --cluster`: the compiled files of the named clusters plus every other file the
 * previous build owned, exactly as it is on disk, so the write changes nothing outside those
 * clusters' folders (not even lineage.json, which describes the whole repository).
 */
export async function withOtherClusters(
  outDir: string,
  compiled: readonly OutputFile[],
  clusters: readonly string[],
): Promise<OutputFile[]> {
  const inBuilt = (p: string) => clusters.some((c) => p.startsWith(`${c}/`));
  const { index } = await readIndex(outDir);
  const kept: OutputFile[] = [];
  for (const entry of index?.files ?? []) {
    if (entry.path === INDEX_PATH || inBuilt(entry.path)) continue;
    const content = await readOwned(path.join(outDir, entry.path));
    if (content === undefined) continue;
    kept.push(
      entry.source === undefined
        ? { path: entry.path, content, owned: true }
        : { path: entry.path, content, owned: true, source: entry.source },
    );
  }
  const keptPaths = new Set(kept.map((f) => f.path));
  // A first build has nothing to keep: then the compiled repository-wide files are written.
  const fresh = compiled.filter((f) => inBuilt(f.path) || !keptPaths.has(f.path));
  return [...fresh, ...kept].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A file the index lists but someone deleted is simply not kept (a full build restores it). */
async function readOwned(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
