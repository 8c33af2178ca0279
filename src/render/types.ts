import type { ResolvedRunnable } from "../resolve/types.js";
import type { JsonObject } from "../validate/types.js";

/** A Kubernetes object as plain data. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** A runnable after its stack's templates were rendered. */
export interface RenderedRunnable extends ResolvedRunnable {
  /** configFileTemplate output plus `configs:` files: file name → content (ConfigMap data). */
  configFiles: Record<string, string>;
  /** containerResourceTemplate parts, spliced into the pod. */
  container?: JsonObject;
  initContainers: JsonObject[];
  sidecars: JsonObject[];
  /** Extra pod volumes a containerResourceTemplate declared (`volumes:` key). */
  volumes: JsonObject[];
  /** Pull secrets a containerResourceTemplate declared (`imagePullSecrets:` key, `{name}` items). */
  imagePullSecrets: JsonObject[];
  /** extraResourcesTemplate output: more objects emitted with the runnable (a Role, a Secret ref…). */
  extraObjects: K8sObject[];
  /** resourceTemplate output: a whole object (SparkApplication, FunctionMesh…). */
  resourceObject?: K8sObject;
}
