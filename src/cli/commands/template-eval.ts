import { readFile } from "node:fs/promises";
import path from "node:path";
import { EXIT, type Command, type CommandContext } from "../command.js";

/** `stackyard template eval`: render one Go template, to try out a stack's templates. */
export const templateEvalCommand: Command = {
  name: "template eval",
  printsOutput: true,
  summary: "render a Go template file with the given data",
  usage: "stackyard template eval [options] FILE [--data JSON | --data-file FILE]",
  description:
    "Renders FILE with stackyard's Go text/template engine (the Sprig subset and the DataOS\n" +
    "helpers stacks use) and prints the result. The data is JSON given inline, or a file read\n" +
    "as JSON when it ends in .json and as YAML otherwise; without data, '.' is an empty map.",
  options: {
    data: { type: "string", value: "JSON", description: "the data, as inline JSON" },
    "data-file": {
      type: "string",
      value: "FILE",
      description: "read the data from a JSON or YAML file",
    },
  },
  args: { min: 1, max: 1 },
  async run(ctx) {
    const inline = ctx.options["data"];
    const dataFile = ctx.options["data-file"];
    if (typeof inline === "string" && typeof dataFile === "string") {
      return ctx.usageError(
        "--data and --data-file cannot be used together",
        "give the data inline or in a file",
      );
    }
    const file = ctx.args[0]!;
    const source = await readText(ctx, file, "template");
    if (source === undefined) return EXIT.usage;
    let data: { text: string; format: "json" | "yaml" } = {
      text: typeof inline === "string" ? inline : "{}",
      format: "json",
    };
    if (typeof dataFile === "string") {
      const text = await readText(ctx, dataFile, "data file");
      if (text === undefined) return EXIT.usage;
      data = { text, format: path.extname(dataFile).toLowerCase() === ".json" ? "json" : "yaml" };
    }
    const result = await ctx.core.evalTemplateFile(
      source,
      file,
      data.text,
      data.format,
      typeof dataFile === "string" ? dataFile : "--data",
    );
    if (result.ok) {
      ctx.io.stdout(result.output);
      return EXIT.ok;
    }
    ctx.io.stderr(`${result.message.replace(/\n+$/, "")}\n`);
    return EXIT.invalid;
  },
};

/** A file named on the command line, relative to the repository root; undefined once reported. */
async function readText(
  ctx: CommandContext,
  file: string,
  what: string,
): Promise<string | undefined> {
  try {
    return await readFile(path.resolve(ctx.root, file), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "does not exist"
        : code === "EISDIR"
          ? "is a folder"
          : `cannot be read (${code})`;
    ctx.usageError(`${what} ${file} ${why}`);
    return undefined;
  }
}
