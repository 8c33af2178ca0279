import { emitYaml } from "../../yaml/emit-yaml.js";
import type { EmitObject, OutputConflict, OutputFile } from "../types.js";
import { kustomizationFiles } from "./kustomizations.js";
import { folderSegment, objectFileName } from "./path-segment.js";

/** The files of one build, sorted by path, and the objects that collided on a path. */
export interface OutputPlan {
  files: OutputFile[];
  conflicts: OutputConflict[];
}

/** Folder for cluster-scoped objects of no workspace; `_` cannot occur in a sanitized name. */
export const CLUSTER_FOLDER = "_cluster";

/**
 * Places every object in the out tree and adds the kustomizations. The result does not depend
 * on the order of `objects`: when two objects claim one path, the one whose source sorts first
 * keeps it and the pair is reported as a conflict.
 */
export function planOutput(objects: readonly EmitObject[]): OutputPlan {
  const { kept, conflicts } = placeObjects(objects);
  const files: OutputFile[] = kept.map(({ path, object }) => ({
    path,
    content: object.verbatim ?? emitYaml(object.object),
    owned: true,
    source: object.source,
  }));
  files.push(...kustomizationFiles(files.map((f) => f.path)));
  files.sort((x, y) => compare(x.path, y.path));
  return { files, conflicts };
}

/**
 * The conflicts planOutput would report, without writing any file's text: what a build with
 * errors, which writes nothing, still reports beside them.
 */
export function outputConflicts(objects: readonly EmitObject[]): OutputConflict[] {
  return placeObjects(objects).conflicts;
}

/** Each object's path, sorted; the first object on a path keeps it, the others conflict. */
function placeObjects(objects: readonly EmitObject[]): {
  kept: Array<{ path: string; object: EmitObject }>;
  conflicts: OutputConflict[];
} {
  const placed = objects.map((object) => ({ path: objectPath(object), object }));
  placed.sort((x, y) => compare(x.path, y.path) || compareSources(x.object, y.object));
  const kept: Array<{ path: string; object: EmitObject }> = [];
  const conflicts: OutputConflict[] = [];
  let previous: { path: string; object: EmitObject } | undefined;
  for (const entry of placed) {
    if (previous !== undefined && previous.path === entry.path) {
      conflicts.push({ path: entry.path, a: previous.object, b: entry.object });
      continue;
    }
    previous = entry;
    kept.push(entry);
  }
  return { kept, conflicts };
}

/** `<cluster>/<workspace>/<unit>/<kind>-<name>.yaml`, with the unit or workspace left out when empty. */
export function objectPath(entry: EmitObject): string {
  const folders = [folderSegment(entry.cluster)];
  folders.push(entry.workspace === "" ? CLUSTER_FOLDER : folderSegment(entry.workspace));
  if (entry.unit !== "") folders.push(folderSegment(entry.unit));
  const { kind, metadata } = entry.object;
  return `${folders.join("/")}/${objectFileName(kind, metadata.name)}`;
}

function compareSources(x: EmitObject, y: EmitObject): number {
  return (
    compare(x.source.file, y.source.file) ||
    x.source.line - y.source.line ||
    compare(x.source.resourceId, y.source.resourceId) ||
    // Reached only for two objects of one resource on one path: rare, so the cost is fine.
    compare(JSON.stringify(x.object), JSON.stringify(y.object))
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
