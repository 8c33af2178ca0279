import type { RenderedRunnable } from "../render/types.js";
import type { RunnableResource } from "../validate/types.js";
import type { CompileContext, CompiledObject } from "./context.js";

/**
 * One orchestrator type (workflow, worker, service): turns a resource and its rendered
 * runnables (one for a Worker or Service, one per DAG job for a Workflow) into objects.
 * Registered in ORCHESTRATORS; adding an orchestrator is one module plus one table line.
 */
export interface OrchestratorModule {
  /** What the orchestrator becomes in Kubernetes, for docs and `explain`. */
  summary: string;
  compile(
    resource: RunnableResource,
    runnables: readonly RenderedRunnable[],
    ctx: CompileContext,
  ): CompiledObject[];
}
