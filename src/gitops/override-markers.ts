import type { Node } from "yaml";
import type { ClusterConfig, OverrideSetting } from "../config/cluster-types.js";
import type { Diagnostic, SourceRange } from "../diagnostics/diagnostic.js";

/**
 * Nodes an override inserts into a resource document get *marker* ranges: offsets past the
 * end of the resource file's text, which no real node can have. Every later stage computes
 * diagnostic ranges from node ranges, so a diagnostic about an inserted node arrives with a
 * marker range, and `remap` moves it to the place in stackyard.yaml the value came from.
 *
 * For document `d` of a file whose text has length `L`, markers start at
 * `L + 1 + d * stride`; within that block, offset `o` stands for offset `o` of stackyard.yaml.
 * `stride` exceeds every stackyard.yaml offset an override uses, so blocks never overlap.
 */
export interface MarkerSpace {
  /** The base offset of a document's marker block, remembering the document for `remap`. */
  baseFor(file: string, textLength: number, doc: MarkedDocument): number;
  /** The diagnostic with marker ranges moved to stackyard.yaml, noting the overridden resource. */
  remap(d: Diagnostic): Diagnostic;
  /** The place in stackyard.yaml a marker range of `file` stands for; undefined for a real range. */
  locate(file: string, range: SourceRange): { file: string; range: SourceRange } | undefined;
}

/** The marker space of one cluster's overrides. */
export function markerSpace(cluster: ClusterConfig): MarkerSpace {
  const stride = markerStride(cluster);
  const files = new Map<string, { length: number; docs: Map<number, MarkedDocument> }>();
  const locate = (file: string, range: SourceRange) => {
    const entry = files.get(file);
    if (entry === undefined || range.start <= entry.length) return undefined;
    const doc = entry.docs.get(Math.floor((range.start - entry.length - 1) / stride));
    if (doc === undefined) return undefined;
    const base = entry.length + 1 + doc.index * stride;
    const end = Math.max(range.start + 1, Math.min(range.end, base + stride - 1));
    return { file: doc.configFile, range: { start: range.start - base, end: end - base }, doc };
  };
  return {
    locate(file, range) {
      const at = locate(file, range);
      return at === undefined ? undefined : { file: at.file, range: at.range };
    },
    baseFor(file, textLength, doc) {
      let entry = files.get(file);
      if (entry === undefined) {
        entry = { length: textLength, docs: new Map() };
        files.set(file, entry);
      }
      entry.docs.set(doc.index, doc);
      return textLength + 1 + doc.index * stride;
    },
    remap(d) {
      const related = d.related?.map((r) => {
        const at = locate(r.file, r.range);
        return at === undefined ? r : { ...r, file: at.file, range: at.range };
      });
      const withRelated = related === undefined ? d : { ...d, related };
      const at =
        d.file === undefined || d.range === undefined ? undefined : locate(d.file, d.range);
      if (at === undefined) return withRelated;
      const note = {
        file: d.file!,
        range: at.doc.nameRange,
        message: `${at.doc.label}, as overridden for cluster ${cluster.name}`,
      };
      return {
        ...withRelated,
        file: at.file,
        range: at.range,
        related: [...(related ?? []), note],
      };
    },
  };
}

/** A resource document that received overrides. */
export interface MarkedDocument {
  index: number;
  /** `worker orders-stream`, for the note that points at the resource. */
  label: string;
  nameRange: SourceRange;
  /** The stackyard.yaml the override values come from. */
  configFile: string;
}

/** One past the largest stackyard.yaml offset any setting of the cluster uses. */
function markerStride(cluster: ClusterConfig): number {
  let max = 0;
  for (const o of cluster.overrides) {
    for (const s of o.set) {
      max = Math.max(max, s.keyRange.end, ...s.valueRanges.map((r) => r.range.end));
    }
  }
  return max + 1;
}

/** Gives an inserted value node, and every node inside it, the marker ranges of its source. */
export function markValue(node: unknown, setting: OverrideSetting, base: number): void {
  for (const { path, range } of setting.valueRanges) {
    const target = descend(node, path);
    if (target !== undefined) target.range = markerRange(range, base);
  }
}

/** A marker range standing for `range` of stackyard.yaml. */
export function markerRange(range: SourceRange, base: number): [number, number, number] {
  return [base + range.start, base + range.end, base + range.end];
}

function descend(node: unknown, path: ReadonlyArray<string | number>): Node | undefined {
  let current = node as
    { items?: unknown[]; get?: (k: unknown, keep: boolean) => unknown } | undefined;
  for (const step of path) {
    if (current === undefined || current === null) return undefined;
    if (typeof step === "number") current = current.items?.[step] as typeof current;
    else current = current.get?.(step, true) as typeof current;
  }
  return (current ?? undefined) as Node | undefined;
}
