import type { GitOpsEngine } from "../../config/cluster-types.js";
import { argocd } from "./argocd.js";
import type { GitOpsEngineModule } from "./engine.js";
import { flux } from "./flux.js";

export type { GitOpsEngineModule } from "./engine.js";
export { BOOTSTRAP_FOLDER } from "./engine.js";

/** Every GitOps engine, by the name `clusters[].engine` uses. Adding one is one line here. */
export const ENGINES: Record<GitOpsEngine, GitOpsEngineModule> = { argocd, flux };
