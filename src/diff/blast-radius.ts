import { parseAllDocuments } from "yaml";
import { BUILTIN_PREFIX } from "../build/builtin-stacks.js";
import type { BlastRadius, LocatedDiagnostic, ObjectChange } from "./types.js";

/** The texts of the files each side read, by repository-relative path. */
type Sources = ReadonlyMap<string, string>;

/**
 * For every stack whose file changed: the resources whose output changes because of it (the
 * objects carry the stack in their `stackyard.dev/stack` annotation), and the files that no
 * longer compile (new errors outside the changed stack files). `bothRead` is false when a side's
 * stackyard.yaml stopped it before it read the repository: a file only the other side has is
 * then not a file the change added or deleted.
 */
export function blastRadius(
  base: Sources,
  head: Sources,
  changes: readonly ObjectChange[],
  introduced: readonly LocatedDiagnostic[],
  bothRead = true,
): BlastRadius[] {
  const stacks = changedStacks(base, head, bothRead);
  if (stacks.length === 0) return [];
  const stackFiles = new Set(stacks.map((s) => s.file));
  const rejected = countErrorsByFile(
    introduced.filter(
      (d) => d.severity === "error" && d.file !== undefined && !stackFiles.has(d.file),
    ),
  );
  return stacks.map(({ stack, file }) => ({
    stack,
    file,
    changed: resourcesUsing(stack, changes),
    rejected,
  }));
}

/**
 * The stacks defined in files whose text differs between the sides, sorted by reference. A
 * built-in stack (the compiler's, the same on both sides) is on one side only when the other
 * side read none: not a change.
 */
function changedStacks(
  base: Sources,
  head: Sources,
  bothRead: boolean,
): Array<{ stack: string; file: string }> {
  const found = new Map<string, string>();
  for (const file of new Set([...base.keys(), ...head.keys()])) {
    const before = base.get(file);
    const after = head.get(file);
    if (before === after) continue;
    const oneSided = before === undefined || after === undefined;
    if (oneSided && (!bothRead || file.startsWith(BUILTIN_PREFIX))) continue;
    for (const text of [before, after])
      for (const stack of stackRefsIn(text)) if (!found.has(stack)) found.set(stack, file);
  }
  return [...found].map(([stack, file]) => ({ stack, file })).sort((a, b) => cmp(a.stack, b.stack));
}

/** `name+flavor:version` of each stack document in a file's text. */
function stackRefsIn(text: string | undefined): string[] {
  if (text === undefined || !/^type:\s*stack\s*$/m.test(text)) return [];
  const refs: string[] = [];
  for (const doc of parseAllDocuments(text, { logLevel: "error" })) {
    const data = doc.errors.length > 0 ? undefined : (doc.toJS({ maxAliasCount: 100 }) as unknown);
    if (!isRecord(data) || data["type"] !== "stack" || !isRecord(data["stack"])) continue;
    const { name, flavor, version } = data["stack"];
    if (typeof name !== "string" || version === undefined) continue;
    refs.push(`${name}${typeof flavor === "string" ? `+${flavor}` : ""}:${String(version)}`);
  }
  return refs;
}

function resourcesUsing(stack: string, changes: readonly ObjectChange[]): string[] {
  const ids = new Set<string>();
  for (const change of changes) {
    for (const side of [change.base, change.head]) {
      const metadata = side?.object["metadata"];
      const annotations =
        isRecord(metadata) && isRecord(metadata["annotations"]) ? metadata["annotations"] : {};
      const used = String(annotations["stackyard.dev/stack"] ?? "").split(",");
      if (side !== undefined && used.includes(stack)) ids.add(side.source.resourceId);
    }
  }
  return [...ids].sort();
}

function countErrorsByFile(
  diagnostics: readonly LocatedDiagnostic[],
): Array<{ file: string; errors: number }> {
  const counts = new Map<string, number>();
  for (const d of diagnostics) counts.set(d.file!, (counts.get(d.file!) ?? 0) + 1);
  return [...counts]
    .map(([file, errors]) => ({ file, errors }))
    .sort((a, b) => cmp(a.file, b.file));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
