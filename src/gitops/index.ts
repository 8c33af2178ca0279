/** The gitops stage: clusters, their overrides, sync units and the Argo CD / Flux bootstrap. */
export { clusterPasses, type ClusterPass } from "./cluster-passes.js";
export { overridePass, type OverridePass } from "./apply-overrides.js";
export {
  clusterConflicts,
  clusterObjects,
  planClusterOutput,
  type ClusterOutput,
} from "./plan-cluster.js";
export { unknownWorkspaces } from "./unknown-workspaces.js";
export { unrunWorkspaces } from "./unrun-workspaces.js";
export {
  cutSyncUnits,
  MAX_UNIT_OBJECTS,
  UNIT_ORDER,
  type CutOptions,
  type PlacedObject,
  type SyncUnit,
  type UnitRole,
} from "./sync-units.js";
export { OBJECT_STAGES, SYNC_WAVE, stageOf, type ObjectStage } from "./sync-stages.js";
export { BOOTSTRAP_FOLDER, ENGINES, type GitOpsEngineModule } from "./engines/index.js";
