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
    // `help template`: the commands of that group (`template eval`).
    const group = ctx.commands.filter((c) => c.name.startsWith(`${name} `));
    const matched = ctx.commands.filter((c) => c.name === name);
    const shown = matched.length > 0 ? matched : group;
    if (shown.length > 0) {
      ctx.io.stdout(shown.map((c) => commandHelp(c)).join("\n"));
      return EXIT.ok;
    }
    const names = ctx.commands.map((c) => c.name);
    const guess = didYouMean(name, names);
    const hint =
      guess === undefined ? `commands: ${formatChoices(names)}` : `did you mean "${guess}"?`;
    return ctx.usageError(`no command named "${name}"`, hint);
  },
};
