import { readdir, readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { normalizeDocument } from "../normalize/normalize.js";
import { parseYamlFile } from "../parse/parse-yaml.js";
import type { ParsedDocument } from "../parse/types.js";
import { toResource } from "../validate/to-resource.js";
import type { StackResource } from "../validate/types.js";
import { validateEnvelope } from "../validate/validate-envelope.js";

/** The prefix that marks built-in stack files in diagnostics. */
export const BUILTIN_PREFIX = "builtin:stacks/";

interface BuiltinStacks {
  stacks: StackResource[];
  sources: Map<string, string>;
  diagnostics: Diagnostic[];
}

let cached: Promise<BuiltinStacks> | undefined;

/** The `stacks/` folder shipped with stackyard: found by walking up from this module. */
export function builtinStacksDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, "stacks")) && existsSync(path.join(dir, "package.json")))
      return path.join(dir, "stacks");
    dir = path.dirname(dir);
  }
  throw new Error("stackyard's built-in stacks folder is missing from the installation");
}

/**
 * Loads the built-in stacks once per process. A broken built-in is reported like any file.
 * With `prepare` (a cluster's overrides, which may set a registry mirror) they are loaded
 * afresh, since the edited documents belong to that cluster only.
 */
export function loadBuiltinStacks(
  prepare?: (doc: ParsedDocument) => Diagnostic[],
): Promise<BuiltinStacks> {
  if (prepare !== undefined) return load(prepare);
  cached ??= load();
  return cached;
}

async function load(prepare?: (doc: ParsedDocument) => Diagnostic[]): Promise<BuiltinStacks> {
  const dir = builtinStacksDir();
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  const result: BuiltinStacks = { stacks: [], sources: new Map(), diagnostics: [] };
  for (const name of names) {
    const file = BUILTIN_PREFIX + name;
    const text = await readFile(path.join(dir, name), "utf8");
    result.sources.set(file, text);
    const parsed = parseYamlFile(file, text);
    result.diagnostics.push(...parsed.diagnostics);
    for (const doc of parsed.docs) {
      result.diagnostics.push(...normalizeDocument(doc));
      if (prepare !== undefined) result.diagnostics.push(...prepare(doc));
      const checked = validateEnvelope(doc);
      result.diagnostics.push(...checked.diagnostics);
      const resource = checked.checked ? toResource(checked.checked, "public") : undefined;
      if (resource?.meta.type === "stack")
        result.stacks.push({ ...(resource as StackResource), builtin: true });
    }
  }
  return result;
}
