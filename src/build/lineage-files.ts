import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { OutputFile } from "../emit/types.js";
import type { RenderedRunnable } from "../render/types.js";
import { buildLineage, type Lineage } from "./lineage.js";
import { openLineageEvents } from "./openlineage.js";

/** `lineage.json` plus one static OpenLineage event per job and dataset under `lineage/`. */
export async function lineageFiles(
  rendered: readonly RenderedRunnable[],
): Promise<{ files: OutputFile[]; diagnostics: Diagnostic[]; lineage: Lineage }> {
  const { lineage, diagnostics } = await buildLineage(rendered);
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const files: OutputFile[] = [
    { path: "lineage.json", content: json(lineage), owned: true },
    ...openLineageEvents(lineage).map((e) => ({
      path: `lineage/${e.path}`,
      content: json(e.event),
      owned: true as const,
    })),
  ];
  return { files, diagnostics, lineage };
}
