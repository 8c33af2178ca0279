import { createHash } from "node:crypto";

/**
 * Path segments of the out tree. Every segment is lower case and made only of `[a-z0-9.-]`,
 * so no name can escape the out dir (`..`, `/`, absolute paths), hide itself (leading dot),
 * or collide with stackyard's own names (`_cluster`, `.stackyard`, `kustomization.yaml`).
 */

/** File names stay well under the 255-byte limit of common file systems. */
const MAX_SEGMENT = 200;

/** A folder segment (cluster, workspace, unit). Folders never end in `.yaml`, files always do. */
export function folderSegment(raw: string): string {
  return shorten(clean(raw).replace(/\.yaml$/, "-yaml"));
}

/** The file name of one object: `<kind>-<name>.yaml`. */
export function objectFileName(kind: string, name: string): string {
  return `${shorten(`${clean(kind)}-${clean(name)}`)}.yaml`;
}

function clean(raw: string): string {
  if (raw === "") throw new Error("emit: an empty name reached the output layout");
  return raw
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, "-")
    .replace(/^\./, "-");
}

/** Over-long segments keep a readable prefix plus a stable hash of the whole. */
function shorten(segment: string): string {
  if (segment.length <= MAX_SEGMENT) return segment;
  const hash = createHash("sha256").update(segment).digest("hex").slice(0, 10);
  return `${segment.slice(0, MAX_SEGMENT - 11)}-${hash}`;
}
