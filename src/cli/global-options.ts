import {
  DIAGNOSTIC_FORMATS,
  isDiagnosticFormat,
  type DiagnosticFormat,
} from "../diagnostics/format.js";
import type { OptionSpec, OptionValues } from "./option-spec.js";

/** Options every command accepts, before or after the command name. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  config: {
    type: "string",
    value: "PATH",
    description: "read this config file instead of stackyard.yaml",
  },
  format: {
    type: "string",
    value: "FORMAT",
    description: `diagnostics format: ${Object.keys(DIAGNOSTIC_FORMATS).join(", ")} (default text)`,
  },
  color: {
    type: "string",
    value: "WHEN",
    description: "colour: auto, always, never (default auto)",
  },
  directory: {
    type: "string",
    short: "C",
    value: "DIR",
    description: "run in DIR, the repository root",
  },
  quiet: {
    type: "boolean",
    short: "q",
    description: "print errors only: no warnings, no summaries",
  },
  strict: {
    type: "boolean",
    description: "unknown fields in the output are errors, not warnings (on when CI=true)",
  },
  help: { type: "boolean", short: "h", description: "show help" },
  version: { type: "boolean", description: "print the version" },
};

const COLOR_MODES = ["auto", "always", "never"] as const;

/** The global options after checking their values. */
export interface GlobalSettings {
  /** The repository root as given (resolved against the working directory later). */
  directory: string | undefined;
  configPath: string | undefined;
  format: DiagnosticFormat;
  /** `--format` of a command with its own output formats (`Command.outputFormats`). */
  outputFormat?: string;
  color: (typeof COLOR_MODES)[number];
  quiet: boolean;
  /** --strict: validate the output strictly (the CI environment turns it on too). */
  strict: boolean;
}

/** Checks the values of the global options; a bad one is a usage error message. */
export function readGlobalSettings(
  values: OptionValues,
  outputFormats?: readonly string[],
): GlobalSettings | { error: string; choices: string[] } {
  const requested = stringValue(values["format"]);
  if (
    outputFormats !== undefined &&
    requested !== undefined &&
    !outputFormats.includes(requested)
  ) {
    return { error: `unknown format "${requested}" for --format`, choices: [...outputFormats] };
  }
  const format = outputFormats !== undefined ? "text" : (requested ?? "text");
  if (!isDiagnosticFormat(format)) {
    return {
      error: `unknown format "${format}" for --format`,
      choices: Object.keys(DIAGNOSTIC_FORMATS),
    };
  }
  const color = stringValue(values["color"]) ?? "auto";
  if (!isColorMode(color))
    return { error: `unknown value "${color}" for --color`, choices: [...COLOR_MODES] };
  return {
    directory: stringValue(values["directory"]),
    configPath: stringValue(values["config"]),
    format,
    ...(outputFormats !== undefined && requested !== undefined ? { outputFormat: requested } : {}),
    color,
    quiet: values["quiet"] === true,
    strict: values["strict"] === true,
  };
}

/** Colour for stderr: `auto` means a terminal, with NO_COLOR unset and TERM not "dumb". */
export function useColor(
  mode: GlobalSettings["color"],
  env: Readonly<Record<string, string | undefined>>,
  isTty: boolean,
): boolean {
  if (mode !== "auto") return mode === "always";
  const noColor = env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "";
  return isTty && !noColor && env["TERM"] !== "dumb";
}

function isColorMode(value: string): value is GlobalSettings["color"] {
  return (COLOR_MODES as readonly string[]).includes(value);
}

function stringValue(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
