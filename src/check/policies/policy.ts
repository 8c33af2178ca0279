import type { StackyardConfig } from "../../config/types.js";
import type { PodSecurityProfile } from "../../compile/security-context.js";
import type { Severity } from "../../diagnostics/diagnostic.js";
import type { K8sObject } from "../../render/types.js";
import type { Resource } from "../../validate/types.js";
import type { ObjectPath } from "../k8s/validate-object.js";

/**
 * A built-in policy: a plain object registered in POLICIES. It looks at one emitted object and
 * returns findings; the check stage turns them into positioned diagnostics, applies the
 * configured severity and the resource's waivers.
 */
export interface Policy {
  /** Kebab-case; what stackyard.yaml and waivers name. */
  id: string;
  /** One sentence for `stackyard explain`, the docs and the diagnostics. */
  description: string;
  /** The severity unless stackyard.yaml sets another; `off` policies run only when turned on. */
  defaultSeverity: Severity | "off";
  check(object: K8sObject, ctx: PolicyContext): Finding[];
}

/** What a policy may read besides the object. */
export interface PolicyContext {
  config: StackyardConfig;
  /** The resource that produced the object; absent for shared objects such as the Namespace. */
  resource?: Resource;
  /** The pod-security profile the object's stacks declare: the weakest of them. */
  profile: PodSecurityProfile;
}

/** One violation inside an object. */
export interface Finding {
  /** Where in the object; traced back to the resource or stack template line. */
  path: ObjectPath;
  message: string;
  hint?: string;
  /** The offending value, when the resource may have written it verbatim. */
  value?: unknown;
}
