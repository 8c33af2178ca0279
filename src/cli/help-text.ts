import type { Command } from "./command.js";
import { GLOBAL_OPTIONS } from "./global-options.js";
import { optionLabel, type OptionSpec } from "./option-spec.js";

const TAGLINE = "compile DataOS-style Stacks and Resources into plain Kubernetes manifests";

/** `stackyard --help`: the commands and the global options. */
export function generalHelp(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    `stackyard ${version} — ${TAGLINE}`,
    "",
    "Usage: stackyard [global options] <command> [options]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    "",
    "Global options:",
    ...optionLines(GLOBAL_OPTIONS),
    "",
    EXIT_CODES,
    "Run 'stackyard help <command>' for a command's options.",
    "",
  ].join("\n");
}

/** `stackyard CMD --help`: usage, description, the command's options and the global ones. */
export function commandHelp(command: Command): string {
  const lines = [`stackyard ${command.name} — ${command.summary}`, "", `Usage: ${command.usage}`];
  if (command.description !== undefined) lines.push("", command.description);
  if (Object.keys(command.options).length > 0)
    lines.push("", "Options:", ...optionLines(command.options));
  lines.push("", "Global options:", ...optionLines(globalOptionsOf(command)), "", EXIT_CODES, "");
  return lines.join("\n");
}

/**
 * The global options as one command takes them: `--format` of a command with its own output
 * formats (diff, graph) chooses among those, and the diagnostics formats are refused there.
 */
function globalOptionsOf(command: Command): Record<string, OptionSpec> {
  const formats = command.outputFormats;
  if (formats === undefined) return GLOBAL_OPTIONS;
  const description = `output format: ${formats.join(", ")} (default ${formats[0]}); diagnostics are printed as text`;
  return { ...GLOBAL_OPTIONS, format: { ...GLOBAL_OPTIONS["format"]!, description } };
}

/** A usage error: what is wrong, what would be valid, and how to get help. */
export function usageErrorText(
  message: string,
  hint: string | undefined,
  command: Command | undefined,
): string {
  const lines = [`stackyard: ${message}`];
  if (hint !== undefined) lines.push(`hint: ${hint}`);
  lines.push(
    command === undefined
      ? "Usage: stackyard [global options] <command> [options]"
      : `Usage: ${command.usage}`,
  );
  lines.push(`Run 'stackyard ${command === undefined ? "" : `${command.name} `}--help' for more.`);
  return `${lines.join("\n")}\n`;
}

const EXIT_CODES =
  "Exit codes: 0 ok, 1 invalid input or stale output, 2 usage error or internal failure.";

function optionLines(specs: Record<string, OptionSpec>): string[] {
  // Long options line up whether or not they have a short form.
  const labels = Object.entries(specs).map(([name, spec]) => [
    `${spec.short === undefined ? "    " : ""}${optionLabel(name, spec)}`,
    spec.description,
  ]);
  const width = Math.max(...labels.map(([label]) => label!.length)) + 2;
  return labels.map(([label, description]) => `  ${label!.padEnd(width)}${description}`);
}
