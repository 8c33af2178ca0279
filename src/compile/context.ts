import type { StackyardConfig } from "../config/types.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { K8sObject } from "../render/types.js";
import type { Resource, SecretResource } from "../validate/types.js";

/** One compiled object, before the run-wide fields (cluster, source line) are added. */
export interface CompiledObject {
  workspace: string;
  /** The output folder of the resource: `<type>-<name>`, or "" for shared objects. */
  unit: string;
  object: K8sObject;
  /** The resource the object comes from (its file and line become the emit source). */
  owner: Resource;
  /** Written to out/ byte for byte instead of the emitted object (see EmitObject.verbatim). */
  verbatim?: string;
}

/** What every compile module may read, and where it reports problems. */
export interface CompileContext {
  config: StackyardConfig;
  /** Instance secrets by name: depots and image pull secrets refer to them by name only. */
  instanceSecrets: ReadonlyMap<string, SecretResource>;
  diagnostics: Diagnostic[];
}

/** Indexes the validated resources a compile module needs to look up by name. */
export function createContext(
  config: StackyardConfig,
  resources: readonly Resource[],
): CompileContext {
  const instanceSecrets = new Map<string, SecretResource>();
  for (const r of resources) {
    if (r.meta.type === "instance-secret") instanceSecrets.set(r.meta.name, r as SecretResource);
  }
  return { config, instanceSecrets, diagnostics: [] };
}
