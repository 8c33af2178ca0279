/** The emit stage's public surface: plan the out tree, write it atomically, check it, lock it. */
export { emitYaml } from "../yaml/emit-yaml.js";
export {
  planOutput,
  outputConflicts,
  objectPath,
  CLUSTER_FOLDER,
  type OutputPlan,
} from "./layout/plan-output.js";
export { KUSTOMIZATION_FILE } from "./layout/kustomizations.js";
export {
  INDEX_FORMAT_VERSION,
  INDEX_PATH,
  buildIndex,
  parseIndex,
  readIndex,
  type PreviousIndex,
} from "./ownership-index.js";
export { writeOutput, type WriteOptions, type WriteResult } from "./write-output.js";
export { checkOutput } from "./check-output.js";
export { outDirProblem } from "./out-dir.js";
export { recoverOutput } from "./fs/swap-tree.js";
export {
  acquireLock,
  lockedDiagnostic,
  type LockHolder,
  type LockProcess,
  type LockResult,
} from "./lock.js";
export type * from "./types.js";
