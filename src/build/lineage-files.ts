import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { OutputFile } from "../emit/types.js";
import type { RenderedRunnable } from "../render/types.js";
import { assembleLineage, lineageParts, type Lineage, type LineagePart } from "./lineage.js";
import { openLineageEvents } from "./openlineage.js";

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
  const lineage = assembleLineage(parts);
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const files: OutputFile[] = [
    { path: "lineage.json", content: json(lineage), owned: true },
    ...openLineageEvents(lineage).map((e) => ({
      path: `lineage/${e.path}`,
      content: json(e.event),
      owned: true as const,
    })),
  ];
  return { files, lineage };
}
