import path from "node:path";
import { CONFIG_FILE_NAME } from "../config/types.js";
import { CONFIG_SCHEMA_FILE, RESOURCE_SCHEMA } from "./editor-schemas.js";

/** Where VS Code reads workspace settings and extension recommendations. */
export const VSCODE_SETTINGS = ".vscode/settings.json";
export const VSCODE_EXTENSIONS = ".vscode/extensions.json";
/** The YAML extension that understands `yaml.schemas` and the modeline. */
const YAML_EXTENSION = "redhat.vscode-yaml";

/**
 * `.vscode/settings.json` with `yaml.schemas` associating the resource schema with every
 * manifest root and the config schema with stackyard.yaml. Other settings are kept; a file
 * that is not plain JSON (VS Code allows comments) is left alone, and the caller says so.
 */
export function mergeVscodeSettings(
  existing: string | undefined,
  schemaDir: string,
  roots: readonly string[],
): { text: string } | { unchanged: string } {
  let settings: Record<string, unknown> = {};
  if (existing !== undefined) {
    const parsed = parseJsonObject(existing);
    if (parsed === undefined)
      return { unchanged: `${VSCODE_SETTINGS} is not plain JSON (comments?)` };
    settings = parsed;
  }
  const previous = parseJsonObject(JSON.stringify(settings["yaml.schemas"] ?? {})) ?? {};
  const dir = `./${path.posix.normalize(schemaDir)}`;
  // Entries this command wrote before are replaced: those into the schema folder, and the two
  // an earlier run wrote for another folder (`schemas --out`); the user's own entries stay.
  const earlier = new Set(
    stackyardSchemaDirs(previous).flatMap((d) => [
      `./${d}/${RESOURCE_SCHEMA}`,
      `./${d}/${CONFIG_SCHEMA_FILE}`,
    ]),
  );
  const kept = Object.fromEntries(
    Object.entries(previous).filter(([k]) => !k.startsWith(`${dir}/`) && !earlier.has(k)),
  );
  const globs = manifestGlobs(roots);
  settings["yaml.schemas"] = {
    ...kept,
    ...(globs.length > 0 ? { [`${dir}/${RESOURCE_SCHEMA}`]: globs } : {}),
    [`${dir}/${CONFIG_SCHEMA_FILE}`]: [CONFIG_FILE_NAME],
  };
  return { text: `${JSON.stringify(settings, null, 2)}\n` };
}

/**
 * The schema folder `.vscode/settings.json` points the editor at, when stackyard wrote its
 * `yaml.schemas` entries (the last written, if several): where `new` refreshes the schemas.
 */
export function schemaDirInSettings(existing: string | undefined): string | undefined {
  const settings = existing === undefined ? undefined : parseJsonObject(existing);
  const schemas = settings?.["yaml.schemas"];
  if (typeof schemas !== "object" || schemas === null || Array.isArray(schemas)) return undefined;
  return stackyardSchemaDirs(schemas as Record<string, unknown>).at(-1);
}

/**
 * The folders (repository-relative, POSIX) of the `yaml.schemas` entries stackyard wrote: it
 * always associates `./DIR/stackyard.json` with stackyard.yaml alone. A folder outside the
 * repository is not one stackyard writes.
 */
function stackyardSchemaDirs(schemas: Record<string, unknown>): string[] {
  const suffix = `/${CONFIG_SCHEMA_FILE}`;
  return Object.entries(schemas).flatMap(([key, value]) => {
    if (!key.startsWith("./") || !key.endsWith(suffix)) return [];
    if (!Array.isArray(value) || value.length !== 1 || value[0] !== CONFIG_FILE_NAME) return [];
    const dir = path.posix.normalize(key.slice(2, -suffix.length));
    return dir === "." || dir === ".." || dir.startsWith("../") ? [] : [dir];
  });
}

/** `.vscode/extensions.json` recommending the YAML extension (other recommendations kept). */
export function mergeVscodeExtensions(
  existing: string | undefined,
): { text: string } | { unchanged: string } {
  const parsed = existing === undefined ? {} : parseJsonObject(existing);
  if (parsed === undefined)
    return { unchanged: `${VSCODE_EXTENSIONS} is not plain JSON (comments?)` };
  const list = Array.isArray(parsed.recommendations) ? (parsed.recommendations as unknown[]) : [];
  if (list.includes(YAML_EXTENSION)) return { unchanged: "" };
  return {
    text: `${JSON.stringify({ ...parsed, recommendations: [...list, YAML_EXTENSION] }, null, 2)}\n`,
  };
}

/**
 * `resources/**\/*.yaml` for each root. A root of `.` would claim every YAML file in the
 * repository (CI workflows included), so it gets no association: modelines cover it.
 */
function manifestGlobs(roots: readonly string[]): string[] {
  return roots
    .map((r) => path.posix.normalize(r).replace(/\/$/, ""))
    .filter((r) => r !== ".")
    .flatMap((r) => [`${r}/**/*.yaml`, `${r}/**/*.yml`]);
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
