import type { ObjectSource } from "../emit/types.js";

/** One Kubernetes object of a compiled revision, with the coordinates the diff keys it by. */
export interface DiffObject {
  /** cluster, apiVersion, kind, namespace and name, joined: the object's identity. */
  key: string;
  /** The first folder of its out/ path. */
  cluster: string;
  apiVersion: string;
  kind: string;
  /** `""` for cluster-scoped objects. */
  namespace: string;
  name: string;
  /** Its file under out/. */
  path: string;
  /** The YAML text as `stackyard build` writes it. */
  text: string;
  /** The parsed object. */
  object: Record<string, unknown>;
  source: ObjectSource;
}

/** One line of a unified diff: kept (" "), removed ("-") or added ("+"). */
export interface DiffLine {
  op: " " | "-" | "+";
  text: string;
}

/** A hunk of a unified diff: where it starts on each side and its lines. */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

/** What happened to one object between the two revisions. */
export type ChangeStatus = "added" | "removed" | "changed" | "renamed";

/** One object that differs between base and head. */
export interface ObjectChange {
  status: ChangeStatus;
  cluster: string;
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  /** The base name, for a renamed object. */
  previousName?: string;
  /** The unified diff of the object's YAML, secret values redacted. */
  hunks: Hunk[];
  base?: DiffObject;
  head?: DiffObject;
}

/** The changes of one source resource (or of the resource that produced a removed object). */
export interface ResourceGroup {
  /** `type:version:name:workspace`. */
  resourceId: string;
  file: string;
  line: number;
  changes: ObjectChange[];
}

/** How serious a risk is: `danger` may lose data or access; `warning` needs a second look. */
export type RiskLevel = "danger" | "warning";

/** Something a reviewer must look at before merging. */
export interface RiskFlag {
  /** The rule that raised it (`pvc-deleted`, `replicas-zero`, …). */
  rule: string;
  level: RiskLevel;
  /** One line, plain words: what happens and to which object. */
  message: string;
  /** The cluster the object is delivered to: the same change in two clusters is two risks. */
  cluster: string;
  /** The object, as `Kind namespace/name` with its cluster. */
  object: string;
  file: string;
  line: number;
}

/** A diagnostic with its position resolved, as the diff reports it. */
export interface LocatedDiagnostic {
  code: string;
  severity: "error" | "warning" | "info";
  message: string;
  file?: string;
  line?: number;
  column?: number;
  hint?: string;
}

/** A stack whose definition changed, and what that does to the resources that use it. */
export interface BlastRadius {
  /** `name+flavor:version`. */
  stack: string;
  file: string;
  /** Resources whose output changes, by resource id. */
  changed: string[];
  /** Files of resources that no longer compile (new errors outside the stack's own file). */
  rejected: Array<{ file: string; errors: number }>;
}

/** One revision as the diff saw it. */
export interface SideSummary {
  /** What the user named: a ref, or `work tree`. */
  label: string;
  /** The commit it resolved to (absent for the work tree). */
  commit?: string;
  /** Errors that stopped it from compiling (0 when it compiled). */
  errors: number;
  objects: number;
}

/** Everything `stackyard diff` found: the data both renderers print. */
export interface DiffReport {
  base: SideSummary;
  head: SideSummary;
  /** False when a side does not compile: the object comparison is then skipped. */
  compared: boolean;
  counts: Record<ChangeStatus, number> & { unchanged: number };
  groups: ResourceGroup[];
  risks: RiskFlag[];
  blastRadius: BlastRadius[];
  /** `remaining`: the head's errors the base had too (why a head that does not compile fails). */
  diagnostics: {
    introduced: LocatedDiagnostic[];
    fixed: LocatedDiagnostic[];
    remaining: LocatedDiagnostic[];
  };
}
