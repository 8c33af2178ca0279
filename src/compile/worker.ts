import type { WorkerResource } from "../validate/types.js";
import { ownerOf, placed } from "./objects.js";
import type { OrchestratorModule } from "./types.js";
import { workloadObjects } from "./workload.js";

/** Worker → Deployment (+ HPA, PDB), ConfigMap, ServiceAccount; or its resourceTemplate object. */
export const workerOrchestrator: OrchestratorModule = {
  summary:
    "Deployment, HPA, PDB, ConfigMap and ServiceAccount (no Service), or the stack's resourceTemplate object",
  compile(resource, runnables, ctx) {
    const r = runnables[0];
    if (r === undefined) return [];
    const spec = (resource as WorkerResource).spec;
    const owner = ownerOf([r], ctx.config);
    return placed(
      owner,
      workloadObjects(r, owner, { autoScaling: spec.autoScaling, replicas: spec.replicas }, ctx),
    );
  },
};
