import { parseArgs } from "node:util";
import { didYouMean, formatChoices } from "../diagnostics/suggest.js";
import type { Command } from "./command.js";
import { GLOBAL_OPTIONS, readGlobalSettings, type GlobalSettings } from "./global-options.js";
import { toParseArgsOptions, type OptionSpec, type OptionValues } from "./option-spec.js";

/** What the command line asks for. */
export type Invocation =
  | { kind: "run"; command: Command; args: string[]; options: OptionValues; global: GlobalSettings }
  | { kind: "help"; command?: Command }
  | { kind: "version" }
  | { kind: "usage-error"; message: string; hint?: string; command?: Command };

/**
 * Reads argv in two passes. A lenient pass over the global options finds the command words
 * wherever the globals sit; then a strict pass with the command's options rejects anything
 * unknown, a missing value or a stray argument.
 */
export function parseCommandLine(
  argv: readonly string[],
  commands: readonly Command[],
): Invocation {
  const lenient = parseArgs({
    args: [...argv],
    options: toParseArgsOptions(GLOBAL_OPTIONS),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  if (lenient.values["version"] === true) return { kind: "version" };
  const words = lenient.tokens.filter((t) => t.kind === "positional").slice(0, 2);
  const found = findCommand(
    words.map((w) => w.value),
    commands,
  );
  if ("error" in found) {
    if (lenient.values["help"] === true && words.length === 0) return { kind: "help" };
    // `template --help`: the help of the group's one command (`template eval`).
    const group = commands.filter((c) => c.name.startsWith(`${words[0]?.value} `));
    if (lenient.values["help"] === true && words.length === 1 && group.length === 1)
      return { kind: "help", command: group[0]! };
    // `stackyard --versoin`: the mistyped option is the news, not the missing command.
    if (words.length === 0) return unknownGlobalOption(argv) ?? found.error;
    return found.error;
  }
  const used = new Set(words.slice(0, found.words).map((w) => w.index));
  const rest = argv.filter((_, i) => !used.has(i));
  return parseForCommand(found.command, rest);
}

/** The usage error of the first option no command was given for that is not a global one. */
function unknownGlobalOption(argv: readonly string[]): Invocation | undefined {
  try {
    parseArgs({
      args: [...argv],
      options: toParseArgsOptions(GLOBAL_OPTIONS),
      strict: true,
      allowPositionals: true,
    });
    return undefined;
  } catch (error) {
    return { kind: "usage-error", ...explainParseError(error, GLOBAL_OPTIONS) };
  }
}

/** Words people type as commands that are options of one. */
const OPTION_OF = new Map([["watch", "build --watch"]]);

function findCommand(
  words: readonly string[],
  commands: readonly Command[],
): { command: Command; words: number } | { error: Invocation & { kind: "usage-error" } } {
  const [first, second] = words;
  if (first === undefined) {
    const hint = `commands: ${formatChoices(commands.map((c) => c.name))}`;
    return { error: { kind: "usage-error", message: "no command given", hint } };
  }
  const pair = commands.find((c) => c.name === `${first} ${second ?? ""}`);
  if (pair !== undefined) return { command: pair, words: 2 };
  const single = commands.find((c) => c.name === first);
  if (single !== undefined) return { command: single, words: 1 };
  const group = commands.filter((c) => c.name.startsWith(`${first} `)).map((c) => c.name);
  if (group.length > 0) {
    const what =
      second === undefined
        ? `"${first}" needs a subcommand`
        : `unknown command "${first} ${second}"`;
    return {
      error: { kind: "usage-error", message: what, hint: `use one of: ${formatChoices(group)}` },
    };
  }
  const names = commands.map((c) => c.name.split(" ")[0]!);
  const guess = OPTION_OF.get(first) ?? didYouMean(first, names);
  const hint =
    guess !== undefined ? `did you mean "${guess}"?` : `commands: ${formatChoices(new Set(names))}`;
  return { error: { kind: "usage-error", message: `unknown command "${first}"`, hint } };
}

function parseForCommand(command: Command, argv: readonly string[]): Invocation {
  const specs = { ...GLOBAL_OPTIONS, ...command.options };
  let parsed: { values: OptionValues; positionals: string[] };
  try {
    const options = toParseArgsOptions(specs);
    // No option is declared `multiple`, so every value is a string or a boolean.
    parsed = parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: true,
    }) as typeof parsed;
  } catch (error) {
    return { kind: "usage-error", command, ...explainParseError(error, specs) };
  }
  if (parsed.values["help"] === true) return { kind: "help", command };
  const global = readGlobalSettings(parsed.values, command.outputFormats);
  if ("error" in global) {
    return {
      kind: "usage-error",
      command,
      message: global.error,
      hint: `use one of: ${global.choices.join(", ")}`,
    };
  }
  const count = parsed.positionals.length;
  if (count < command.args.min || count > command.args.max) {
    return {
      kind: "usage-error",
      command,
      message: argumentCountMessage(command, parsed.positionals),
    };
  }
  const options = Object.fromEntries(
    Object.keys(command.options).map((k) => [k, parsed.values[k]]),
  );
  return { kind: "run", command, args: parsed.positionals, options, global };
}

function argumentCountMessage(command: Command, given: readonly string[]): string {
  const { min, max } = command.args;
  if (given.length > max) {
    const extra = given
      .slice(max)
      .map((a) => `"${a}"`)
      .join(", ");
    return max === 0
      ? `${command.name} takes no arguments, but got ${extra}`
      : `${command.name} takes at most ${max} argument${max === 1 ? "" : "s"}; unexpected ${extra}`;
  }
  return `${command.name} needs ${min === max ? "" : "at least "}${min} argument${min === 1 ? "" : "s"}`;
}

/** parseArgs' own messages are long and generic: name the option and what it expects. */
function explainParseError(
  error: unknown,
  specs: Record<string, OptionSpec>,
): { message: string; hint?: string } {
  const code = (error as { code?: string }).code;
  const text = error instanceof Error ? error.message : String(error);
  if (code === undefined || !code.startsWith("ERR_PARSE_ARGS_")) throw error; // not a usage error
  const option = /'(-[^' ]*)/.exec(text)?.[1] ?? "";
  const long = /(--[\w-]+)/.exec(text)?.[1] ?? option;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const guess = didYouMean(option.replace(/^-+/, ""), Object.keys(specs));
    return {
      message: `unknown option ${option}`,
      ...(guess !== undefined ? { hint: `did you mean --${guess}?` } : {}),
    };
  }
  const spec = specs[long.replace(/^--/, "")];
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && spec?.type === "boolean") {
    return { message: `option ${long} takes no value` };
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return {
      message: `option ${long} needs a value${spec?.value === undefined ? "" : ` (${spec.value})`}`,
      hint: `write ${long}=VALUE when the value starts with "-"`,
    };
  }
  return { message: text.split("\n")[0] ?? text };
}
