import path from "node:path";
import { hasErrors } from "../../diagnostics/diagnostic.js";
import { DEFAULT_SCHEMA_DIR } from "../../scaffold/editor-schemas.js";
import { EXIT, type Command, type CommandContext } from "../command.js";
import { readStackCatalog, writeEditorSetup, type EditorSetup } from "../editor-setup.js";
import { plural } from "../plural.js";
import { loadRepoConfig } from "../repo-config.js";

/** `stackyard schemas`: JSON Schemas for editors, and the VS Code settings that use them. */
export const schemasCommand: Command = {
  name: "schemas",
  summary: "write JSON Schemas so editors autocomplete and check manifests",
  usage: "stackyard schemas [--out DIR]",
  description:
    `Writes a schema per resource type, one per stack and orchestrator (its stackSpec schema\n` +
    `spliced in) and resource.json, which picks by \`type:\`, into ${DEFAULT_SCHEMA_DIR}/, and\n` +
    "associates them in .vscode/settings.json for the YAML extension (redhat.vscode-yaml).\n" +
    "Run it again after adding or changing a stack. A file can also name its schema itself:\n" +
    "  # yaml-language-server: $schema=../.stackyard/schemas/service.json",
  options: {
    out: {
      type: "string",
      value: "DIR",
      description: `folder for the schemas, relative to the repository (default ${DEFAULT_SCHEMA_DIR})`,
    },
  },
  args: { min: 0, max: 0 },
  async run(ctx) {
    const out = typeof ctx.options.out === "string" ? ctx.options.out : DEFAULT_SCHEMA_DIR;
    const rel = path.relative(ctx.root, path.resolve(ctx.root, out));
    if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) {
      return ctx.usageError(
        `--out ${out} must be a folder inside the repository`,
        `e.g. --out ${DEFAULT_SCHEMA_DIR}`,
      );
    }
    const loaded = await loadRepoConfig(ctx);
    if (!loaded.ok) return EXIT.invalid;
    const catalog = await readStackCatalog(ctx.root, loaded.config);
    const setup = await writeEditorSetup(ctx.root, loaded.config, catalog, rel);
    reportSetup(ctx, setup, rel.split(path.sep).join("/"));
    if (hasErrors(catalog.diagnostics)) {
      ctx.note(
        "some manifests have errors, so their stacks may be missing: run stackyard validate",
      );
    }
    return EXIT.ok;
  },
};

/** One line on the schemas and one per settings file touched or left alone. */
export function reportSetup(
  ctx: CommandContext,
  setup: EditorSetup,
  dir: string,
  onlyChanges = false,
): void {
  if (
    onlyChanges &&
    setup.changed + setup.pruned + setup.settings.length + setup.skipped.length === 0
  )
    return;
  const pruned = setup.pruned > 0 ? `, ${setup.pruned} removed` : "";
  ctx.note(
    `wrote ${plural(setup.schemas, "schema")} to ${dir}/ (${setup.changed} changed${pruned})`,
  );
  for (const file of setup.settings) ctx.note(`updated ${file}`);
  for (const why of setup.skipped) ctx.note(`${why} (comments?), so it was left unchanged`);
}
