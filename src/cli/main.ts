// The process entry: wires the real streams, environment and compiler into runCli.
import { buildRepo, checkRepo, validateRepo } from "../build/index.js";
import { evalTemplateFile } from "../template/eval-command.js";
import { COMMANDS } from "./commands/index.js";
import type { Core } from "./core.js";
import { internalErrorText } from "./internal-error.js";
import type { CliIo } from "./io.js";
import { runCli } from "./run-cli.js";
import { VERSION } from "./version.js";

const io: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  stderrIsTty: process.stderr.isTTY === true,
};

// A reader that goes away (`stackyard … | head`) is not an error worth a message.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

// Errors that escape every await (a stray callback) are bugs too: one line, exit 2.
const onEscaped = (error: unknown): void => {
  process.stderr.write(internalErrorText(error, process.env));
  process.exit(2);
};
process.on("uncaughtException", onEscaped);
process.on("unhandledRejection", onEscaped);

/** True while a process with this pid exists (signal 0 tests for existence only). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const host = { compilerVersion: VERSION, lock: { pid: process.pid, isAlive } };
const core: Core = {
  buildRepo: (req) => buildRepo({ ...req, host }),
  checkRepo: (req) => checkRepo({ ...req, host }),
  validateRepo,
  evalTemplateFile,
};
process.exitCode = await runCli(process.argv.slice(2), {
  io,
  core,
  commands: COMMANDS,
  version: VERSION,
});
