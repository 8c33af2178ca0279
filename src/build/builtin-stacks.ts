import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { normalizeDocument } from "../normalize/normalize.js";
import { parseYamlFile } from "../parse/parse-yaml.js";
import type { ParsedDocument } from "../parse/types.js";
import { textHash } from "../validate/text-hash.js";
import { toResource } from "../validate/to-resource.js";
import type { Origin, StackResource } from "../validate/types.js";
import { validateEnvelope } from "../validate/validate-envelope.js";
import { findStacksDir } from "./stacks-dir.js";
import { BUILTIN_STACK_SNAPSHOT } from "./standalone-builtin-stacks.js";

/** The prefix that marks built-in stack files in diagnostics. */
export const BUILTIN_PREFIX = "builtin:stacks/";

interface BuiltinStacks {
  stacks: StackResource[];
  sources: Map<string, string>;
  diagnostics: Diagnostic[];
}

/** A built-in stack without its parse tree: everything but `origin`, as plain data. */
export type SnapshotStack = Pick<StackResource, "id" | "meta" | "spec">;

/** One built-in file as the bundle saw it: the hash of its text and the stacks it defines. */
export interface SnapshotFile {
  hash: string;
  stacks: SnapshotStack[];
}

/** Built-in file name (e.g. `bento-3.0.yaml`) → its snapshot. */
export type BuiltinStackSnapshot = ReadonlyMap<string, SnapshotFile>;

let cached: Promise<BuiltinStacks> | undefined;

/** The `stacks/` folder shipped with stackyard: found by walking up from this module. */
export function builtinStacksDir(): string {
  const dir = findStacksDir(path.dirname(fileURLToPath(import.meta.url)));
  if (dir === undefined)
    throw new Error("stackyard's built-in stacks folder is missing from the installation");
  return dir;
}

/**
 * Loads the built-in stacks once per process. A broken built-in is reported like any file.
 * With `prepare` (a cluster's overrides, which may set a registry mirror) they are loaded
 * afresh, since the edited documents belong to that cluster only. `snapshot` defaults to the
 * bundle's.
 */
export function loadBuiltinStacks(
  prepare?: (doc: ParsedDocument) => Diagnostic[],
  snapshot: BuiltinStackSnapshot = BUILTIN_STACK_SNAPSHOT,
): Promise<BuiltinStacks> {
  if (prepare !== undefined) return load(new Map(), prepare);
  if (snapshot !== BUILTIN_STACK_SNAPSHOT) return load(snapshot);
  cached ??= load(snapshot);
  return cached;
}

/**
 * Reads every built-in file. A file whose text is the one the snapshot was taken from is not
 * parsed: its stacks come from the snapshot and parse their file when `origin` is first read
 * (only the stacks a build uses, or one a diagnostic points into). Any other file is parsed now.
 */
async function load(
  snapshot: BuiltinStackSnapshot,
  prepare?: (doc: ParsedDocument) => Diagnostic[],
): Promise<BuiltinStacks> {
  const dir = builtinStacksDir();
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  const texts = await Promise.all(names.map((name) => readFile(path.join(dir, name), "utf8")));
  const result: BuiltinStacks = { stacks: [], sources: new Map(), diagnostics: [] };
  names.forEach((name, i) => {
    const file = BUILTIN_PREFIX + name;
    const text = texts[i]!;
    result.sources.set(file, text);
    const known = snapshot.get(name);
    if (known !== undefined && known.hash === textHash(text)) {
      result.stacks.push(...snapshotStacks(file, text, known));
      return;
    }
    const parsed = parseBuiltinFile(file, text, prepare);
    result.stacks.push(...parsed.stacks);
    result.diagnostics.push(...parsed.diagnostics);
  });
  return result;
}

/** parse → normalize → (prepare) → validate one built-in file, as the repository's files are. */
export function parseBuiltinFile(
  file: string,
  text: string,
  prepare?: (doc: ParsedDocument) => Diagnostic[],
): { stacks: StackResource[]; diagnostics: Diagnostic[] } {
  const stacks: StackResource[] = [];
  const parsed = parseYamlFile(file, text);
  const diagnostics = [...parsed.diagnostics];
  for (const doc of parsed.docs) {
    diagnostics.push(...normalizeDocument(doc));
    if (prepare !== undefined) diagnostics.push(...prepare(doc));
    const checked = validateEnvelope(doc);
    diagnostics.push(...checked.diagnostics);
    const resource = checked.checked ? toResource(checked.checked, "public") : undefined;
    if (resource?.meta.type === "stack")
      stacks.push({ ...(resource as StackResource), builtin: true });
  }
  return { stacks, diagnostics };
}

/** The stacks of a snapshotted file, whose `origin` parses the file on first read. */
function snapshotStacks(file: string, text: string, known: SnapshotFile): StackResource[] {
  let parsed: StackResource[] | undefined;
  const originOf = (index: number): Origin => {
    parsed ??= parseBuiltinFile(file, text).stacks;
    const origin = parsed[index]?.origin;
    if (origin === undefined || parsed.length !== known.stacks.length)
      throw new Error(`the snapshot of ${file} does not match its text`);
    return origin;
  };
  return known.stacks.map((stack, index) => {
    let origin: Origin | undefined;
    return {
      get origin(): Origin {
        origin ??= originOf(index);
        return origin;
      },
      id: stack.id,
      meta: stack.meta,
      spec: stack.spec,
      builtin: true,
    };
  });
}
