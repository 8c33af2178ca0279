import path from "node:path";
import { hasErrors } from "../../diagnostics/diagnostic.js";
import { DEFAULT_SCHEMA_DIR } from "../../scaffold/editor-schemas.js";
import { EXIT, type CommandContext } from "../command.js";
import { readStackCatalog, writeEditorSetup, type EditorSetup } from "../editor-setup.js";
import { plural } from "../plural.js";
import { loadRepoConfig } from "../repo-config.js";

/** Runs `stackyard schemas`: writes the schemas and the editor settings that use them. */
export async function runSchemas(ctx: CommandContext): Promise<number> {
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
    ctx.note("some manifests have errors, so their stacks may be missing: run stackyard validate");
  }
  return EXIT.ok;
}

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
  for (const why of setup.skipped) ctx.note(`${why}, so it was left unchanged`);
}
