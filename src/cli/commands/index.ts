import type { Command } from "../command.js";
import { buildCommand } from "./build.js";
import { checkCommand } from "./check.js";
import { helpCommand } from "./help.js";
import { templateEvalCommand } from "./template-eval.js";
import { validateCommand } from "./validate.js";

/** Every command, in the order help lists them. Adding a command is one line here. */
export const COMMANDS: readonly Command[] = [
  buildCommand,
  checkCommand,
  validateCommand,
  templateEvalCommand,
  helpCommand,
];
