import type { EmitObject, ObjectSource } from "../compile/emit-object.js";

export type { EmitObject, K8sObject, ObjectSource } from "../compile/emit-object.js";

/** A file stackyard writes under the out dir. */
export interface OutputFile {
  /** Relative to the out dir, POSIX separators, already sanitized. */
  path: string;
  content: string;
  owned: true;
  /** Absent for files stackyard derives itself (kustomizations). */
  source?: ObjectSource;
}

/** Two objects that would be written to the same file. */
export interface OutputConflict {
  path: string;
  a: EmitObject;
  b: EmitObject;
}

/** One entry of `out/.stackyard/index.json`. */
export interface IndexEntry {
  path: string;
  sha256: string;
  source?: ObjectSource;
}

/** The ownership index: every file stackyard owns in the out dir. */
export interface OutputIndex {
  formatVersion: number;
  compilerVersion: string;
  files: IndexEntry[];
}

/** What a successful write did, as paths relative to the out dir (sorted). */
export interface WriteSummary {
  /** Files whose bytes are new or changed. */
  written: string[];
  /** Number of owned files that were already identical and were kept as they were. */
  unchanged: number;
  /** Owned files of the previous build that are no longer produced. */
  pruned: string[];
  /**
   * Hand-written files (not in the previous index) carried over untouched, as out/'s listing
   * found them. A write with kept files that patches out/ in place does not list it (see
   * compareByLookup): it leaves them where they are, and this is empty.
   */
  carried: string[];
}

/** Differences between the out dir on disk and what a build would write (sorted paths). */
export interface StalenessReport {
  added: string[];
  changed: string[];
  deleted: string[];
}
