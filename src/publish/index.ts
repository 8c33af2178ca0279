/** The publish stage: commit rendered manifests to a branch of their own (simple-git). */
export {
  publishRendered,
  publishSourceRefusal,
  type PublishOutcome,
  type PublishRequest,
} from "./publish-rendered.js";
