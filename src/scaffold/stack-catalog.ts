import type { StackyardConfig } from "../config/types.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { RepoFs } from "../discover/repo-fs.js";
import { loadRepo } from "../build/load-repo.js";
import {
  buildStackRegistry,
  lookupStack,
  stackKey,
  type StackRegistry,
} from "../resolve/stack-registry.js";
import { formatStackRef } from "../resolve/stack-ref.js";
import type { StackResource } from "../validate/types.js";

/** The orchestrators a stack can run in, and the config block each needs. */
export const ORCHESTRATORS = {
  workflow: "workflowJobConfig",
  worker: "workerConfig",
  service: "serviceConfig",
} as const;

export type Orchestrator = keyof typeof ORCHESTRATORS;

/** One stack as scaffolding and editor schemas see it. */
export interface CatalogStack {
  /** `name[+flavor]:version`, the pinned reference `new` writes. */
  key: string;
  /** Every spelling of `stack:` that resolves to this stack (aliases, unpinned forms). */
  refs: string[];
  orchestrators: Orchestrator[];
  /** The stackSpec JSON Schema, parsed; undefined when the stack has none or it is not JSON. */
  schema: Record<string, unknown> | undefined;
  summary: string;
  builtin: boolean;
  /** Repository-relative file the stack is defined in (`builtin:stacks/…` for built-ins). */
  file: string;
}

/** Every stack of a repository (built-ins included), sorted by key. */
export interface StackCatalog {
  stacks: CatalogStack[];
  registry: StackRegistry;
  /** Problems met while reading the repository; scaffolding works despite them. */
  diagnostics: Diagnostic[];
}

/** Reads the repository's stacks and the built-in ones into a catalog. */
export async function loadStackCatalog(fs: RepoFs, config: StackyardConfig): Promise<StackCatalog> {
  const loaded = await loadRepo(fs, config);
  const stacks = loaded.resources.filter((r): r is StackResource => r.meta.type === "stack");
  const { registry, diagnostics } = buildStackRegistry(stacks);
  const entries = registry.all.map((stack) => catalogEntry(stack, registry));
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { stacks: entries, registry, diagnostics: [...loaded.diagnostics, ...diagnostics] };
}

/** The catalog entry a `stack:` reference names, or why it names none. */
export function findCatalogStack(
  catalog: StackCatalog,
  ref: string,
): { stack: CatalogStack } | { diagnostic: Diagnostic } {
  const found = lookupStack(catalog.registry, ref, { file: "", range: { start: 0, end: 0 } });
  if ("diagnostic" in found) return found;
  const key = stackKey(found.stack);
  const stack = catalog.stacks.find((s) => s.key === key);
  if (stack === undefined) throw new Error(`stack ${key} is in the registry but not the catalog`);
  return { stack };
}

function catalogEntry(stack: StackResource, registry: StackRegistry): CatalogStack {
  const spec = stack.spec;
  return {
    key: stackKey(stack),
    refs: refsResolvingTo(stack, registry),
    orchestrators: (Object.keys(ORCHESTRATORS) as Orchestrator[]).filter(
      (o) => spec[ORCHESTRATORS[o]] !== undefined,
    ),
    schema: parseSchema(spec.jsonSchema),
    summary: (spec.summary ?? stack.meta.description ?? "").trim(),
    builtin: stack.builtin,
    file: stack.origin.source.file,
  };
}

/**
 * The spellings a user may write for this stack: every name and alias, with and without the
 * flavor and the version, kept only when the registry really resolves them to this stack
 * (an unpinned reference means the highest version, so older versions need theirs).
 */
function refsResolvingTo(stack: StackResource, registry: StackRegistry): string[] {
  const key = stackKey(stack);
  const { flavor, version } = stack.spec;
  const refs = new Set<string>();
  for (const name of [stack.spec.name, ...(stack.spec.aliases ?? [])]) {
    for (const f of flavor ? [flavor, undefined] : [undefined]) {
      for (const v of [version, undefined]) {
        const text = formatStackRef({
          name,
          ...(f ? { flavor: f } : {}),
          ...(v ? { version: v } : {}),
        });
        const found = lookupStack(registry, text, { file: "", range: { start: 0, end: 0 } });
        if ("stack" in found && stackKey(found.stack) === key) refs.add(text);
      }
    }
  }
  return [...refs].sort();
}

function parseSchema(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined; // reported as STACK_SCHEMA_INVALID by every build
  }
}
