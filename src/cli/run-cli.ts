import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { EXIT, type Command, type CommandContext } from "./command.js";
import type { Core } from "./core.js";
import { useColor, type GlobalSettings } from "./global-options.js";
import { commandHelp, generalHelp, usageErrorText } from "./help-text.js";
import { internalErrorText } from "./internal-error.js";
import type { CliIo } from "./io.js";
import type { OptionValues } from "./option-spec.js";
import { parseCommandLine } from "./parse-command-line.js";

/** Everything a run needs besides argv: the process, the compiler, the command table. */
export interface CliEnvironment {
  io: CliIo;
  core: Core;
  commands: readonly Command[];
  version: string;
}

/**
 * Runs one command line and returns the exit code. Nothing escapes: an unexpected exception
 * is a bug in stackyard, reported on one line (with the stack only when STACKYARD_DEBUG=1).
 */
export async function runCli(argv: readonly string[], env: CliEnvironment): Promise<number> {
  try {
    return await dispatch(argv, env);
  } catch (error) {
    env.io.stderr(internalErrorText(error, env.io.env));
    return EXIT.usage;
  }
}

async function dispatch(argv: readonly string[], env: CliEnvironment): Promise<number> {
  const { io, commands, version } = env;
  const invocation = parseCommandLine(argv, commands);
  switch (invocation.kind) {
    case "version":
      io.stdout(`stackyard ${version}\n`);
      return EXIT.ok;
    case "help":
      io.stdout(
        invocation.command === undefined
          ? generalHelp(commands, version)
          : commandHelp(invocation.command),
      );
      return EXIT.ok;
    case "usage-error":
      io.stderr(usageErrorText(invocation.message, invocation.hint, invocation.command));
      return EXIT.usage;
    case "run":
      return runCommand(
        invocation.command,
        invocation.args,
        invocation.options,
        invocation.global,
        env,
      );
  }
}

async function runCommand(
  command: Command,
  args: string[],
  options: OptionValues,
  global: GlobalSettings,
  env: CliEnvironment,
): Promise<number> {
  const { io } = env;
  if (global.configPath !== undefined && global.configPath.trim() === "") {
    io.stderr(
      usageErrorText("--config needs a file's path", "give the config file's path", command),
    );
    return EXIT.usage;
  }
  const root = path.resolve(io.cwd, global.directory ?? ".");
  if (!(await isDirectory(root))) {
    const what = existsSync(root) ? "is not a folder" : "no such folder";
    io.stderr(
      usageErrorText(`-C ${global.directory ?? "."}: ${what}: ${root}`, undefined, command),
    );
    return EXIT.usage;
  }
  // The diagnostic formatters load only for a command that runs, not for help or usage errors.
  const { reportDiagnostics } = await import("./report.js");
  const color = useColor(global.color, io.env, io.stderrIsTty);
  const settings = {
    format: global.format,
    color,
    quiet: global.quiet,
    version: env.version,
    stdoutTaken: command.printsOutput === true,
  };
  const ctx: CommandContext = {
    command,
    args,
    options,
    global,
    root,
    color,
    io,
    core: env.core,
    version: env.version,
    commands: env.commands,
    report: (diagnostics, sources) => reportDiagnostics(io, settings, diagnostics, sources),
    note: (line) => {
      if (!global.quiet) io.stderr(`${line}\n`);
    },
    usageError: (message, hint) => {
      io.stderr(usageErrorText(message, hint, command));
      return EXIT.usage;
    },
  };
  return command.run(ctx);
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
