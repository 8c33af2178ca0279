import type { Orchestrator } from "../resolve/types.js";
import { serviceOrchestrator } from "./service.js";
import type { OrchestratorModule } from "./types.js";
import { workerOrchestrator } from "./worker.js";
import { workflowOrchestrator } from "./workflow.js";

/** Every orchestrator type and the module that compiles it. */
export const ORCHESTRATORS: Record<Orchestrator, OrchestratorModule> = {
  service: serviceOrchestrator,
  worker: workerOrchestrator,
  workflow: workflowOrchestrator,
};
