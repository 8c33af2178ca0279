/**
 * Checks the identity fields of an object a stack template rendered. Kubernetes would refuse a
 * malformed one at apply time; stackyard refuses it at build time, where the message can point
 * at the template. Names follow Kubernetes' most lenient rule (a path segment: not empty, not
 * `.` or `..`, no `/` or `%`), so RBAC names such as `acme:reader` stay valid.
 */

const KIND = /^[A-Za-z][A-Za-z0-9]*$/;
const API_VERSION = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?v[0-9]+((alpha|beta)[0-9]+)?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_NAME = 253;

/** Why the object's apiVersion, kind, name or namespace is unusable, or undefined when fine. */
export function objectIdentityProblem(
  apiVersion: string,
  kind: string,
  name: string,
  namespace: unknown,
): string | undefined {
  if (!API_VERSION.test(apiVersion))
    return `apiVersion ${JSON.stringify(apiVersion)} is not group/version (e.g. apps/v1)`;
  if (!KIND.test(kind))
    return `kind ${JSON.stringify(kind)} is not a Kubernetes kind (letters and digits)`;
  if (name === "" || name === "." || name === ".." || /[/%]/.test(name) || hasControl(name)) {
    return `metadata.name ${JSON.stringify(name)} is not a valid object name`;
  }
  if (name.length > MAX_NAME)
    return `metadata.name is ${name.length} characters long; at most ${MAX_NAME} are allowed`;
  if (
    namespace !== undefined &&
    (typeof namespace !== "string" || namespace.length > 63 || !DNS_LABEL.test(namespace))
  ) {
    return `metadata.namespace ${JSON.stringify(namespace)} is not a valid namespace name`;
  }
  return undefined;
}

function hasControl(text: string): boolean {
  return /[\u0000-\u001f\u007f-\u009f]/.test(text);
}
