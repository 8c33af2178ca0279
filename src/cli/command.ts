import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Core } from "./core.js";
import type { GlobalSettings } from "./global-options.js";
import type { CliIo } from "./io.js";
import type { OptionSpec, OptionValues } from "./option-spec.js";

/** Exit codes: 0 ok, 1 invalid input or stale output, 2 usage error or internal failure. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/** One CLI command, registered in commands/index.ts. */
export interface Command {
  /** One word, or two for a command group (`template eval`). */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** `stackyard build [options]`. */
  usage: string;
  /** Paragraphs shown by `--help` under the usage line. */
  description?: string;
  options: Record<string, OptionSpec>;
  /**
   * For commands whose own output has formats (`diff`: text, markdown): `--format` chooses
   * among these instead of the diagnostics format, and diagnostics are printed as text. The
   * first is the default.
   */
  outputFormats?: readonly string[];
  /**
   * True for a command whose stdout is its product (a table, a document, a graph): diagnostics
   * in a machine format then go to stderr, so that stdout stays that product alone.
   */
  printsOutput?: true;
  /** How many positional arguments the command takes. */
  args: { min: number; max: number };
  run(ctx: CommandContext): Promise<number>;
}

/** What a command gets to work with. */
export interface CommandContext {
  command: Command;
  /** Positional arguments after the command name. */
  args: string[];
  /** The command's own option values. */
  options: OptionValues;
  global: GlobalSettings;
  /** The repository root, absolute. */
  root: string;
  /** Whether stderr output is coloured. */
  color: boolean;
  io: CliIo;
  core: Core;
  version: string;
  /** Every command, for `help`. */
  commands: readonly Command[];
  /** Prints a run's diagnostics once, in the chosen format, on the right stream. */
  report(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>): void;
  /** Prints a line to stderr unless --quiet: progress and summaries. */
  note(line: string): void;
  /** Prints a usage error with the command's usage and returns exit code 2. */
  usageError(message: string, hint?: string): number;
}
