/** The body of `stackyard template eval`: render one template file against JSON or YAML data. */
import { TemplateError, renderTemplate, templateValueFromYaml, toTemplateValue } from "./index.js";

export type EvalResult = { ok: true; output: string } | { ok: false; message: string };

function decodeData(dataText: string | undefined, dataFormat: "json" | "yaml"): unknown {
  if (dataText === undefined || dataText.trim() === "") return null;
  if (dataFormat === "json") return toTemplateValue(JSON.parse(dataText));
  return templateValueFromYaml(dataText);
}

/**
 * Renders `source` (from `fileName`) with the given data; errors read `FILE:LINE:COL: text`.
 * Data that does not decode is reported at `dataName` (the data file, or `--data`).
 */
export function evalTemplateFile(
  source: string,
  fileName: string,
  dataText: string | undefined,
  dataFormat: "json" | "yaml",
  dataName = "--data",
): EvalResult {
  let data: unknown;
  try {
    data = decodeData(dataText, dataFormat);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { ok: false, message: `${dataName}: invalid ${dataFormat} data: ${reason}` };
  }
  try {
    return { ok: true, output: renderTemplate(source, data, { name: fileName }) };
  } catch (e) {
    if (e instanceof TemplateError)
      return { ok: false, message: `${fileName}:${e.line}:${e.column}: ${e.message}` };
    return { ok: false, message: `${fileName}:1:1: ${e instanceof Error ? e.message : String(e)}` };
  }
}
