import type { ParseArgsConfig } from "node:util";

/** One command-line option: its parseArgs shape plus what help prints for it. */
export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** Placeholder for the value in help, such as PATH. */
  value?: string;
  description: string;
}

/** Option values after parsing, by long name. */
export type OptionValues = Record<string, string | boolean | undefined>;

/** The `options` argument of parseArgs for a set of specs. */
export function toParseArgsOptions(
  specs: Record<string, OptionSpec>,
): NonNullable<ParseArgsConfig["options"]> {
  const out: NonNullable<ParseArgsConfig["options"]> = {};
  for (const [name, spec] of Object.entries(specs)) {
    out[name] =
      spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short };
  }
  return out;
}

/** `-C, --directory DIR` — how an option is written in help and messages. */
export function optionLabel(name: string, spec: OptionSpec): string {
  const long = `--${name}${spec.value === undefined ? "" : ` ${spec.value}`}`;
  return spec.short === undefined ? long : `-${spec.short}, ${long}`;
}
