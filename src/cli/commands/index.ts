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

/**
 * Every command, in the order help lists them. Adding a command is one line here.
 *
 * `--help`, `--version` and usage errors read this table, so each command module holds only
 * its declaration (name, usage, options) and small helpers; a command whose work needs a big
 * stage (the compiler, git, the scaffolder) imports it inside `run`, from src/cli/actions/.
 * The bundle splits every such import() into its own chunk, and test/perf/cli-entry.test.ts
 * keeps heavy modules out of the entry.
 */
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
