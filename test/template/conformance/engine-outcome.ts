import {
  TemplateError,
  renderTemplate,
  templateValueFromYaml,
} from "../../../src/template/index.js";
import type { ConformanceCase } from "./case-types.js";

/** The template name the oracle parses every case under; Go's messages contain it. */
export const TEMPLATE_NAME = "t";

/** What stackyard's engine did with a case. `crash` is any throw that is not a TemplateError. */
export type EngineOutcome =
  | { ok: true; output: string }
  | {
      ok: false;
      kind: "parse" | "exec" | "limit" | "refused" | "data" | "crash";
      message: string;
    };

/** Decodes the case's YAML data and renders its template with stackyard's engine. */
export function renderWithEngine(c: ConformanceCase): EngineOutcome {
  let data: unknown;
  try {
    data = templateValueFromYaml(c.data);
  } catch (err) {
    return { ok: false, kind: "data", message: describe(err) };
  }
  try {
    const output = renderTemplate(c.template, data, {
      name: TEMPLATE_NAME,
      missingKey: c.missingKey ?? "default",
    });
    return { ok: true, output };
  } catch (err) {
    if (err instanceof TemplateError) return { ok: false, kind: err.kind, message: err.message };
    return { ok: false, kind: "crash", message: describe(err) };
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
