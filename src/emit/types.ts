/** A Kubernetes object as plain data: what the compile stage produces and the emitter prints. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

/** Where an emitted object came from, recorded in the ownership index. */
export interface ObjectSource {
  /** `type:version:name:workspace` of the producing resource. */
  resourceId: string;
  /** Repository-relative POSIX path of the manifest. */
  file: string;
  /** 1-based line of the resource in that file. */
  line: number;
}

/** One compiled object plus the coordinates that place it in the `out/` tree. */
export interface EmitObject {
  /** `"default"` unless clusters are configured. */
  cluster: string;
  /** The namespace; `""` for cluster-scoped objects that belong to no workspace. */
  workspace: string;
  /** The producing resource's folder, `${type}-${name}`; `""` for workspace-level objects. */
  unit: string;
  object: K8sObject;
  source: ObjectSource;
}

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
  /** Hand-written files (not in the previous index) carried over untouched. */
  carried: string[];
}

/** Differences between the out dir on disk and what a build would write (sorted paths). */
export interface StalenessReport {
  added: string[];
  changed: string[];
  deleted: string[];
}
