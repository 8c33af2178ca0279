import type { K8sObject } from "../render/types.js";

export type { K8sObject };

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
  /**
   * The exact file content to write instead of emitting `object` (a SOPS-encrypted Secret,
   * whose signature covers every byte). `object` is its parsed form, for checks and diffs.
   */
  verbatim?: string;
}
