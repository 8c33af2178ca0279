import type { DiffReport, Hunk, ObjectChange, SideSummary } from "../types.js";

/** Words for each status, as both renderers print them. */
export const STATUS_WORD: Record<ObjectChange["status"], string> = {
  changed: "changed",
  added: "added",
  removed: "removed",
  renamed: "renamed",
};

/** `main (1a2b3c4)`, or `work tree`. */
export function sideName(side: SideSummary): string {
  return side.commit === undefined ? side.label : `${side.label} (${side.commit.slice(0, 7)})`;
}

/** `2 changed, 1 added, 40 unchanged` — the counts that are not zero, unchanged always. */
export function countsLine(report: DiffReport): string {
  const { counts } = report;
  const parts = (["changed", "added", "removed", "renamed"] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${STATUS_WORD[s]}`);
  return [...parts, `${counts.unchanged} unchanged`].join(", ");
}

/** True when the changes touch more than one cluster: only then is the cluster printed. */
export function spansClusters(report: DiffReport): boolean {
  return new Set(report.groups.flatMap((g) => g.changes.map((c) => c.cluster))).size > 1;
}

/** `Kind namespace/name`, with the old name of a rename and the cluster when asked for. */
export function changeTitle(change: ObjectChange, withCluster: boolean): string {
  const where = change.namespace === "" ? change.name : `${change.namespace}/${change.name}`;
  const cluster = withCluster ? `[${change.cluster}] ` : "";
  const was = change.previousName === undefined ? "" : ` (was ${change.previousName})`;
  return `${cluster}${change.kind} ${where}${was}`;
}

/** Lines added and removed by a change's hunks. */
export function lineCounts(hunks: readonly Hunk[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const h of hunks)
    for (const l of h.lines) l.op === "+" ? (added += 1) : l.op === "-" ? (removed += 1) : 0;
  return { added, removed };
}

/** Why there is no object comparison, when a side does not compile. */
export function notComparedReason(report: DiffReport): string {
  const broken = [
    report.base.errors > 0 ? `the base has ${plural(report.base.errors, "error")}` : "",
    report.head.errors > 0 ? `the head has ${plural(report.head.errors, "error")}` : "",
  ].filter(Boolean);
  const which = broken.length === 2 ? "neither compiles" : "it does not compile";
  return `Objects are not compared: ${broken.join(" and ")}, so ${which}.`;
}

/** `1 error`, `2 errors`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** True when nothing at all differs: no objects, no diagnostics. */
export function isNoOp(report: DiffReport): boolean {
  const d = report.diagnostics;
  return (
    report.compared &&
    report.groups.length === 0 &&
    d.introduced.length === 0 &&
    d.fixed.length === 0
  );
}

/** `1 file no longer compiles`, `2 files no longer compile`. */
export function noLongerCompile(files: number): string {
  return `${plural(files, "file")} no longer compile${files === 1 ? "s" : ""}`;
}
