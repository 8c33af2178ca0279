import { blastRadius } from "./blast-radius.js";
import type { CompiledSide } from "./compile-side.js";
import { compareObjects } from "./compare-objects.js";
import { diagnosticDelta } from "./diagnostic-delta.js";
import { groupByResource, sortChanges } from "./group-changes.js";
import { findRisks } from "./risks/index.js";
import type { DiffReport } from "./types.js";

/**
 * Compares two compiled sides. When either side has errors its out/ would be empty, so the
 * objects are not compared (everything would look deleted); the diagnostics say why.
 */
export function diffCompiled(base: CompiledSide, head: CompiledSide): DiffReport {
  const compared = base.summary.errors === 0 && head.summary.errors === 0;
  const { changes, unchanged } = compared
    ? compareObjects(base.files, head.files)
    : { changes: [], unchanged: 0 };
  const sorted = sortChanges(changes);
  const diagnostics = diagnosticDelta(base, head);
  const count = (status: string): number => changes.filter((c) => c.status === status).length;
  return {
    base: base.summary,
    head: head.summary,
    compared,
    counts: {
      added: count("added"),
      removed: count("removed"),
      changed: count("changed"),
      renamed: count("renamed"),
      unchanged,
    },
    groups: groupByResource(sorted),
    risks: findRisks(sorted),
    blastRadius: blastRadius(
      base.sources,
      head.sources,
      sorted,
      diagnostics.introduced,
      base.read && head.read,
    ),
    diagnostics,
  };
}
