import { didYouMean, formatChoices } from "../../diagnostics/suggest.js";
import { EXIT, type Command } from "../command.js";
import { commandHelp, generalHelp } from "../help-text.js";

/** `stackyard help [COMMAND]`. */
export const helpCommand: Command = {
  name: "help",
  summary: "show help for stackyard or one command",
  usage: "stackyard help [COMMAND]",
  options: {},
  args: { min: 0, max: 2 },
  async run(ctx) {
    if (ctx.args.length === 0) {
      ctx.io.stdout(generalHelp(ctx.commands, ctx.version));
      return EXIT.ok;
    }
    const name = ctx.args.join(" ");
    const command = ctx.commands.find((c) => c.name === name);
    if (command !== undefined) {
      ctx.io.stdout(commandHelp(command));
      return EXIT.ok;
    }
    const names = ctx.commands.map((c) => c.name);
    const guess = didYouMean(name, names);
    const hint =
      guess === undefined ? `commands: ${formatChoices(names)}` : `did you mean "${guess}"?`;
    return ctx.usageError(`no command named "${name}"`, hint);
  },
};
