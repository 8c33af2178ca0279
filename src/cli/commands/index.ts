import type { Command } from "../command.js";
import { buildCommand } from "./build.js";
import { checkCommand } from "./check.js";
import { diffCommand } from "./diff.js";
import { helpCommand } from "./help.js";
import { previewCommand } from "./preview.js";
import { publishCommand } from "./publish.js";
import { initCommand } from "./init.js";
import { newCommand } from "./new.js";
import { schemasCommand } from "./schemas.js";
import { templateEvalCommand } from "./template-eval.js";
import { stacksCommand } from "./stacks.js";
import { explainCommand } from "./explain.js";
import { graphCommand } from "./graph.js";
import { validateCommand } from "./validate.js";

/** Every command, in the order help lists them. Adding a command is one line here. */
export const COMMANDS: readonly Command[] = [
  buildCommand,
  checkCommand,
  validateCommand,
  diffCommand,
  previewCommand,
  publishCommand,
  stacksCommand,
  explainCommand,
  graphCommand,
  templateEvalCommand,
  initCommand,
  newCommand,
  schemasCommand,
  helpCommand,
];
