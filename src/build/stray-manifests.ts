/**
 * A stackyard manifest inside outDir is never read: the scan of the roots does not enter
 * outDir, whose files the build owns and prunes. When outDir is inside a root (the default:
 * `roots: [.]`, `outDir: out`; or `outDir: resources/gen` beside `roots: [resources]`), such a
 * file would be read were it anywhere else, and its resources are silently not built. This
 * tells the user, from files a build meets in outDir without listing it for the purpose: a full
 * write's listing of out/ (its hand-written files), or the top folder of outDir alone (one
 * readdir, topLevelCandidates in build-cache.ts: a no-op or incremental build, which do not
 * list out/).
 */
import path from "node:path";
import type { StackyardConfig } from "../config/types.js";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { readRepoFile } from "../discover/discover.js";
import { matchManifests } from "../discover/match-manifests.js";
import { RESOURCE_TYPES } from "../validate/schemas/envelopes.js";

/**
 * A warning for each of `candidates` (files stackyard does not own, relative to outDir) that the
 * scan would read if it were not in outDir, and that holds a stackyard manifest (a document
 * with top-level `name:`, `version:` and a `type:` stackyard compiles).
 */
export async function strayManifests(
  root: string,
  config: StackyardConfig,
  candidates: readonly string[],
): Promise<{ diagnostics: Diagnostic[]; sources: Map<string, string> }> {
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  if (candidates.length === 0) return { diagnostics, sources };
  const outDir = path.posix.normalize(config.outDir).replace(/\/+$/, "");
  const exclude = config.exclude.filter((e) => e !== `${config.outDir}/**`);
  const rel = candidates.map((p) => `${outDir}/${p}`);
  for (const file of matchManifests(rel, config.roots, exclude)) {
    const read = await readRepoFile(root, file, config.limits.maxFileBytes);
    if (!read.ok) continue;
    const range = manifestType(read.text);
    if (range === undefined) continue;
    sources.set(file, read.text);
    diagnostics.push(
      diag(
        "MANIFEST_IN_OUT_DIR",
        `${file} is a stackyard manifest inside outDir (${outDir}/), which builds never read: its resources are not built`,
        { file, range },
        { hint: hintFor(file, outDir, config.roots) },
      ),
    );
  }
  return { diagnostics, sources };
}

/** Move the file; when outDir is in a root other than `.`, outDir could move instead. */
function hintFor(file: string, outDir: string, roots: readonly string[]): string {
  const move = `move it under a root, out of ${outDir}/: outDir holds only what stackyard writes`;
  const root = roots
    .map((r) => r.replace(/\/+$/, ""))
    .find((r) => r !== "." && r !== "" && file.startsWith(`${r}/`));
  return root === undefined
    ? move
    : `${move}; or set outDir: in stackyard.yaml to a folder outside ${root}/`;
}

const TYPE_LINE = /^type:[ \t]*(["']?)([A-Za-z-]+)\1[ \t]*(?:#.*)?$/m;

/** The range of the `type:` line of the first document that looks like a stackyard manifest. */
function manifestType(text: string): { start: number; end: number } | undefined {
  let offset = 0;
  for (const doc of text.split(/^(?=---)/m)) {
    const type = TYPE_LINE.exec(doc);
    if (
      type !== null &&
      RESOURCE_TYPES.includes(type[2]!) &&
      /^name:/m.test(doc) &&
      /^version:/m.test(doc)
    ) {
      const start = offset + type.index;
      return { start, end: start + type[0].length };
    }
    offset += doc.length;
  }
  return undefined;
}
