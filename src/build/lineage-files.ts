import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { OutputFile } from "../emit/types.js";
import type { RenderedRunnable } from "../render/types.js";
import { assembleLineage, lineageParts, type Lineage, type LineagePart } from "./lineage.js";
import { openLineageEventList } from "./openlineage.js";

/** `lineage.json` plus one static OpenLineage event per job and dataset under `lineage/`. */
export async function lineageFiles(rendered: readonly RenderedRunnable[]): Promise<{
  files: OutputFile[];
  diagnostics: Diagnostic[];
  lineage: Lineage;
  parts: LineagePart[];
}> {
  const { parts, diagnostics } = await lineageParts(rendered);
  return { ...lineageFilesOf(parts), diagnostics, parts };
}

/** The lineage files of a set of parts (in any order: see assembleLineage). */
export function lineageFilesOf(parts: readonly LineagePart[]): {
  files: OutputFile[];
  lineage: Lineage;
} {
  const { files, lineage } = lineageFilesExcept(parts);
  return { files, lineage };
}

/**
 * The lineage files, but for the events of jobs and datasets `unchanged` says are as before:
 * those are only named (`same`), for a caller that has them already. `lineage.json` is always
 * written.
 */
export function lineageFilesExcept(
  parts: readonly LineagePart[],
  unchanged: { job(id: string): boolean; dataset(address: string): boolean } = NOTHING_UNCHANGED,
): { files: OutputFile[]; same: string[]; lineage: Lineage } {
  const lineage = assembleLineage(parts);
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const files: OutputFile[] = [{ path: "lineage.json", content: json(lineage), owned: true }];
  const same: string[] = [];
  for (const e of openLineageEventList(lineage)) {
    const path = `lineage/${e.path}`;
    const kept = e.job !== undefined ? unchanged.job(e.job) : unchanged.dataset(e.dataset!);
    if (kept) same.push(path);
    else files.push({ path, content: json(e.event()), owned: true });
  }
  return { files, same, lineage };
}

const NOTHING_UNCHANGED = { job: () => false, dataset: () => false };
