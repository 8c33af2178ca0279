/** Helm's additions: toYaml, fromYaml, include and tpl (required lives with the defaults). */
import { goQuote } from "../format/quote.js";
import { TemplateError } from "../errors.js";
import { decodeYaml } from "../yaml/decode.js";
import { marshalYaml } from "../yaml/encode.js";
import { FuncError, LimitError, type FuncDef } from "./types.js";

function toYaml(v: unknown): string {
  try {
    const out = marshalYaml(v);
    return out.endsWith("\n") ? out.slice(0, -1) : out;
  } catch (e) {
    if (e instanceof RangeError) throw new LimitError("limit exceeded: value too deeply nested");
    return "";
  }
}

/** Helm's fromYaml: always a map; a parse failure is reported under the "Error" key. */
function fromYaml(s: string): Map<string, unknown> {
  let v: unknown;
  try {
    v = decodeYaml(s);
  } catch (e) {
    return new Map([["Error", e instanceof Error ? e.message : String(e)]]);
  }
  if (v === null) return new Map();
  if (v instanceof Map) return v;
  return new Map([
    [
      "Error",
      `error unmarshaling JSON: json: cannot unmarshal ${Array.isArray(v) ? "array" : typeof v} into Go value of type map[string]interface {}`,
    ],
  ]);
}

export const HELM_FUNCTIONS: Record<string, FuncDef> = {
  toYaml: { params: ["any"], call: ([v]) => toYaml(v) },
  fromYaml: { params: ["string"], call: ([s]) => fromYaml(s as string) },
  include: {
    params: ["string", "any"],
    call: ([name, data], ctx) => ctx.includeTemplate(name as string, data),
  },
  tpl: {
    params: ["string", "any"],
    call: ([text, data], ctx) => {
      try {
        return ctx.renderString(text as string, data).replaceAll("<no value>", "");
      } catch (e) {
        if (e instanceof TemplateError && e.kind === "parse")
          throw new FuncError(`cannot parse template ${goQuote(text as string)}: ${e.message}`);
        if (e instanceof TemplateError && e.kind === "exec")
          throw new FuncError(
            `error during tpl function execution for ${goQuote(text as string)}: ${e.message}`,
          );
        throw e;
      }
    },
  },
};
