import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { StackyardConfig } from "../config/types.js";
import { diskRepoFs } from "../discover/repo-fs.js";
import { editorSchemas, schemaText } from "../scaffold/editor-schemas.js";
import { loadStackCatalog, type StackCatalog } from "../scaffold/stack-catalog.js";
import {
  mergeVscodeExtensions,
  mergeVscodeSettings,
  VSCODE_EXTENSIONS,
  VSCODE_SETTINGS,
} from "../scaffold/vscode-settings.js";
import { readIfExists, writeIfChanged } from "./file-writes.js";

/** The stacks of the repository at `root`, built-ins included. */
export function readStackCatalog(root: string, config: StackyardConfig): Promise<StackCatalog> {
  return loadStackCatalog(diskRepoFs(root), config);
}

/** What writing the editor schemas did. */
export interface EditorSetup {
  schemas: number;
  changed: number;
  pruned: number;
  /** Settings files updated, repository-relative. */
  settings: string[];
  /** Why a settings file was left alone. */
  skipped: string[];
}

/**
 * Writes every editor schema into `schemaDir` (repository-relative), removes the per-stack
 * schemas of stacks that are gone, and points VS Code's YAML extension at them.
 */
export async function writeEditorSetup(
  root: string,
  config: StackyardConfig,
  catalog: StackCatalog,
  schemaDir: string,
): Promise<EditorSetup> {
  const files = editorSchemas(catalog.stacks);
  const dir = path.resolve(root, schemaDir);
  let changed = 0;
  for (const file of files) {
    if (await writeIfChanged(path.join(dir, file.path), schemaText(file.schema))) changed++;
  }
  const pruned = await pruneStackSchemas(dir, new Set(files.map((f) => f.path)));
  const setup: EditorSetup = { schemas: files.length, changed, pruned, settings: [], skipped: [] };
  const posixDir = path.relative(root, dir).split(path.sep).join("/");
  await mergeJsonFile(
    root,
    VSCODE_SETTINGS,
    (text) => mergeVscodeSettings(text, posixDir, config.roots),
    setup,
  );
  await mergeJsonFile(root, VSCODE_EXTENSIONS, mergeVscodeExtensions, setup);
  return setup;
}

/** Only `stacks/` is pruned: that folder is stackyard's alone, the schema folder may not be. */
async function pruneStackSchemas(dir: string, keep: ReadonlySet<string>): Promise<number> {
  let names: string[];
  try {
    names = await readdir(path.join(dir, "stacks"));
  } catch {
    return 0;
  }
  const stale = names.filter((n) => n.endsWith(".json") && !keep.has(`stacks/${n}`));
  for (const name of stale) await rm(path.join(dir, "stacks", name), { force: true });
  return stale.length;
}

async function mergeJsonFile(
  root: string,
  rel: string,
  merge: (existing: string | undefined) => { text: string } | { unchanged: string },
  setup: EditorSetup,
): Promise<void> {
  const file = path.join(root, rel);
  const merged = merge(await readIfExists(file));
  if ("unchanged" in merged) {
    if (merged.unchanged !== "") setup.skipped.push(merged.unchanged);
    return;
  }
  try {
    if (await writeIfChanged(file, merged.text)) setup.settings.push(rel);
  } catch (error) {
    // The user's own file, kept from being written (read-only, or on a read-only mount): it
    // stays as it is, and the command says so, rather than failing the schemas written.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EACCES" && code !== "EPERM" && code !== "EROFS") throw error;
    setup.skipped.push(`${rel} cannot be written (${code})`);
  }
}
