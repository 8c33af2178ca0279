import { access } from "node:fs/promises";
import path from "node:path";
import { loadConfig } from "../../config/load-config.js";
import { CONFIG_FILE_NAME } from "../../config/types.js";
import { hasErrors } from "../../diagnostics/diagnostic.js";
import { DEFAULT_SCHEMA_DIR, stackSchemaPath } from "../../scaffold/editor-schemas.js";
import { GITIGNORE, mergeGitignore } from "../../scaffold/gitignore.js";
import { EXAMPLE_RESOURCE, EXAMPLE_STACK, initRepoFiles } from "../../scaffold/init-repo.js";
import { modeline } from "../../scaffold/modeline.js";
import { findCatalogStack, type StackCatalog } from "../../scaffold/stack-catalog.js";
import { EXIT, type CommandContext } from "../command.js";
import { readStackCatalog, writeEditorSetup } from "../editor-setup.js";
import { createFile, displayPath, readIfExists, writeIfChanged } from "../file-writes.js";
import { reportSetup } from "./schemas.js";

/** Runs `stackyard init [DIR]`: the repository files, then the editor schemas. */
export async function runInit(ctx: CommandContext): Promise<number> {
  const target = path.resolve(ctx.root, ctx.args[0] ?? ".");
  const shown = displayPath(ctx.io.cwd, target);
  if (await exists(path.join(target, CONFIG_FILE_NAME))) {
    ctx.io.stderr(
      `stackyard: ${shown} already has a ${CONFIG_FILE_NAME}; nothing written\nhint: run stackyard build there, or init another folder\n`,
    );
    return EXIT.invalid;
  }
  // The example's modeline names the built-in container stack's schema; no folder is read yet.
  const defaults = (await loadConfig(target)).config;
  const builtins = await readStackCatalog(target, { ...defaults, roots: [] });
  const files = initRepoFiles({ version: ctx.version, ...exampleModeline(builtins) });
  const created: string[] = [];
  for (const [rel, text] of Object.entries(files)) {
    if (await createFile(path.join(target, rel), text)) created.push(rel);
    else ctx.note(`kept the existing ${rel}`);
  }
  const loaded = await loadConfig(target);
  if (hasErrors(loaded.diagnostics)) {
    ctx.report(loaded.diagnostics, loaded.sources);
    return EXIT.invalid;
  }
  // The user's own .gitignore keeps its lines; stackyard's are added after them.
  const ignore = path.join(target, GITIGNORE);
  const existing = await readIfExists(ignore);
  const merged = mergeGitignore(existing, loaded.config.outDir);
  if (merged !== undefined && (await writeIfChanged(ignore, merged))) {
    if (existing === undefined) created.push(GITIGNORE);
    else ctx.note(`added stackyard's lines to the existing ${GITIGNORE}`);
  }
  const catalog = await readStackCatalog(target, loaded.config);
  ctx.note(
    `created ${shown === "." ? "a stackyard repository here" : `${shown}/`}: ${created.join(", ")}`,
  );
  reportSetup(
    ctx,
    await writeEditorSetup(target, loaded.config, catalog, DEFAULT_SCHEMA_DIR),
    DEFAULT_SCHEMA_DIR,
  );
  const cd = shown === "." ? [] : [`  cd ${shown}`];
  ctx.note(["next:", ...cd, "  stackyard build", "  stackyard new service my-api"].join("\n"));
  return EXIT.ok;
}

function exampleModeline(catalog: StackCatalog): { exampleModeline?: string } {
  const found = findCatalogStack(catalog, EXAMPLE_STACK);
  if ("diagnostic" in found || !found.stack.orchestrators.includes("service")) return {};
  return {
    exampleModeline: modeline(
      EXAMPLE_RESOURCE,
      `${DEFAULT_SCHEMA_DIR}/${stackSchemaPath(found.stack, "service")}`,
    ),
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
