import path from "node:path";
import type { StackyardConfig } from "../../config/types.js";
import { didYouMean, formatChoices } from "../../diagnostics/suggest.js";
import {
  DEFAULT_SCHEMA_DIR,
  stackSchemaPath,
  typeSchemaPath,
} from "../../scaffold/editor-schemas.js";
import { modeline } from "../../scaffold/modeline.js";
import { newResourceText } from "../../scaffold/new-resource.js";
import { newStackText } from "../../scaffold/new-stack.js";
import { schemaDirInSettings, VSCODE_SETTINGS } from "../../scaffold/vscode-settings.js";
import {
  findCatalogStack,
  ORCHESTRATORS,
  type CatalogStack,
  type Orchestrator,
} from "../../scaffold/stack-catalog.js";
import { RESOURCE_NAME } from "../../validate/schemas/common.js";
import { EXIT, type CommandContext } from "../command.js";
import { isUnder } from "../under-folder.js";
import { DEFAULT_STACK } from "../commands/new.js";
import { readStackCatalog, writeEditorSetup } from "../editor-setup.js";
import { createFile, displayPath, readIfExists } from "../file-writes.js";
import { loadRepoConfig } from "../repo-config.js";
import { reportSetup } from "./schemas.js";

const KINDS = [...Object.keys(ORCHESTRATORS), "stack"];
/** Resource names are at most 48 characters; a stack's resource name adds `-v1`. */
const MAX_NAME = 48;

/** Runs `stackyard new KIND NAME`: writes the new file, then refreshes the editor schemas. */
export async function runNew(ctx: CommandContext): Promise<number> {
  const [kind, name] = ctx.args as [string, string];
  const problem = checkArguments(ctx, kind, name);
  if (problem !== undefined) return problem;
  const loaded = await loadRepoConfig(ctx);
  if (!loaded.ok) return EXIT.invalid;
  const { config } = loaded;
  const catalog = await readStackCatalog(ctx.root, config);
  // The folder the editor is set up for (`schemas --out DIR`), or the default one.
  const schemaDir =
    schemaDirInSettings(await readIfExists(path.join(ctx.root, VSCODE_SETTINGS))) ??
    DEFAULT_SCHEMA_DIR;
  const file = stringOption(ctx, "file") ?? defaultFile(config, kind, name);
  const rel = displayPath(ctx.root, path.resolve(ctx.root, file));
  if (rel.startsWith("../")) return ctx.usageError(`--file ${file} is outside the repository`);
  let text: string;
  if (kind === "stack") {
    // The same name would be STACK_CONFLICT (a built-in is 1.0 too) or would take the place of
    // the other stack wherever it is named without a version.
    const taken = catalog.registry.byName.get(name);
    if (taken !== undefined) {
      const owner = catalog.stacks.find((s) => s.refs.includes(name));
      return ctx.usageError(
        `a stack named "${name}" exists already${owner ? ` (${owner.builtin ? "built in" : owner.file})` : ""}`,
        `give yours a name of its own, such as ${name}-custom`,
      );
    }
    text = newStackText(name, modeline(rel, `${schemaDir}/${typeSchemaPath("stack")}`));
  } else {
    const stack = pickStack(ctx, kind as Orchestrator, catalog);
    if (typeof stack === "number") return stack;
    const workspace = stringOption(ctx, "workspace") ?? config.defaultWorkspace;
    if (!new RegExp(RESOURCE_NAME).test(workspace)) {
      return ctx.usageError(
        `workspace "${workspace}" is not a valid name`,
        "use lowercase letters, digits and '-'",
      );
    }
    const schema =
      kind === "workflow" ? typeSchemaPath(kind) : stackSchemaPath(stack, kind as Orchestrator);
    const line = modeline(rel, `${schemaDir}/${schema}`);
    text = newResourceText({
      type: kind as Orchestrator,
      name,
      workspace,
      stack,
      modeline: line,
    });
  }
  if (!(await createFile(path.resolve(ctx.root, rel), text))) {
    ctx.io.stderr(
      `stackyard: ${rel} already exists; nothing written\nhint: choose another NAME or --file\n`,
    );
    return EXIT.invalid;
  }
  ctx.io.stdout(`${rel}\n`);
  if (!config.roots.some((r) => isUnder(rel, r))) {
    ctx.note(
      `note: ${rel} is outside the roots (${config.roots.join(", ")}), so builds will not read it`,
    );
  }
  const fresh = kind === "stack" ? await readStackCatalog(ctx.root, config) : catalog;
  reportSetup(ctx, await writeEditorSetup(ctx.root, config, fresh, schemaDir), schemaDir, true);
  return EXIT.ok;
}

function checkArguments(ctx: CommandContext, kind: string, name: string): number | undefined {
  if (!KINDS.includes(kind)) {
    const guess = didYouMean(kind, KINDS);
    return ctx.usageError(
      `cannot scaffold "${kind}"`,
      guess !== undefined ? `did you mean "${guess}"?` : `use one of: ${formatChoices(KINDS)}`,
    );
  }
  const max = kind === "stack" ? MAX_NAME - "-v1".length : MAX_NAME;
  if (!new RegExp(RESOURCE_NAME).test(name) || name.length > max) {
    return ctx.usageError(
      `"${name}" is not a valid ${kind} name`,
      `use lowercase letters, digits and '-', starting and ending with a letter or digit, at most ${max} characters`,
    );
  }
  if (kind === "stack" && ctx.options.stack !== undefined) {
    return ctx.usageError("--stack is for resources; a new stack runs its own image");
  }
  return undefined;
}

/** The stack named by --stack (or the default), if it can run this kind of resource. */
function pickStack(
  ctx: CommandContext,
  kind: Orchestrator,
  catalog: Parameters<typeof findCatalogStack>[0],
): CatalogStack | number {
  const ref = stringOption(ctx, "stack") ?? DEFAULT_STACK;
  const found = findCatalogStack(catalog, ref);
  if ("diagnostic" in found)
    return ctx.usageError(`--stack ${ref}: ${found.diagnostic.message}`, found.diagnostic.hint);
  if (!found.stack.orchestrators.includes(kind)) {
    const fits = catalog.stacks.filter((s) => s.orchestrators.includes(kind)).map((s) => s.key);
    return ctx.usageError(
      `stack ${found.stack.key} cannot run a ${kind} (it runs: ${found.stack.orchestrators.join(", ")})`,
      `stacks that can: ${formatChoices(fits)}`,
    );
  }
  return found.stack;
}

/** Resources go in the first root that is not a stacks folder; stacks in a `stacks` folder. */
function defaultFile(config: StackyardConfig, kind: string, name: string): string {
  const roots = config.roots.map((r) => path.posix.normalize(r).replace(/\/$/, ""));
  const isStacks = (r: string) => path.posix.basename(r) === "stacks";
  if (kind === "stack") {
    const home = roots.find(isStacks) ?? path.posix.join(roots[0] ?? ".", "stacks");
    return path.posix.join(home, `${name}-1.0.yaml`); // one file per stack version
  }
  return path.posix.join(roots.find((r) => !isStacks(r)) ?? roots[0] ?? ".", `${name}.yaml`);
}

function stringOption(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.options[name];
  return typeof value === "string" ? value : undefined;
}
