import { didYouMean } from "../../diagnostics/suggest.js";
import { apiGroup } from "../../validate/cluster-scoped.js";
import { CORE_KINDS } from "./core-kinds.js";

/** The API groups kube-apiserver serves itself ("" is the core group of `apiVersion: v1`). */
const CORE_GROUPS: ReadonlySet<string> = new Set(Object.keys(CORE_KINDS).map(apiGroup));

/**
 * Why `apiVersion/kind` cannot exist, when its group is one kube-apiserver serves itself: no
 * CustomResourceDefinition can add a kind there (a CRD's group must hold a dot, and the
 * `*.k8s.io` groups of Kubernetes are not open to CRDs), so a kind it does not serve is a
 * mistake, not a custom resource without a schema. Undefined for a served kind, and for any
 * other group (custom resources).
 */
export function unknownCoreKind(
  apiVersion: string,
  kind: string,
): { message: string; hint: string } | undefined {
  const group = apiGroup(apiVersion);
  if (!CORE_GROUPS.has(group)) return undefined;
  const served = CORE_KINDS[apiVersion];
  if (served?.includes(kind)) return undefined;
  const named = group === "" ? "the core group (apiVersion: v1)" : `the ${group} group`;
  const message =
    served === undefined
      ? `kube-apiserver serves no ${apiVersion}: ${named} is its own, so no CRD can add a version or kind to it`
      : `${apiVersion} has no kind ${kind}: ${named} is served by kube-apiserver itself, so no CRD can add one`;
  // The kind in another version of the group (apps/v2 Deployment), else a near kind.
  const versions = Object.keys(CORE_KINDS).filter(
    (v) => apiGroup(v) === group && CORE_KINDS[v]!.includes(kind),
  );
  if (versions.length > 0) {
    const best = [...versions].reverse().find((v) => /(^|\/)v\d+$/.test(v)) ?? versions[0]!;
    return {
      message,
      hint: `write apiVersion: ${best}, the version that serves ${kind}`,
    };
  }
  const candidates =
    served ?? Object.keys(CORE_KINDS).flatMap((v) => (apiGroup(v) === group ? CORE_KINDS[v]! : []));
  const guess = didYouMean(kind, candidates);
  const kinds = [...new Set(candidates)].filter((k) => !k.endsWith("List")).sort();
  return {
    message,
    hint:
      guess !== undefined
        ? `did you mean ${guess}?`
        : served === undefined
          ? `${apiVersion} is not a version kube-apiserver serves; write the apiVersion and kind of a Kubernetes object (kubectl api-resources lists them)`
          : `write one of the kinds of ${apiVersion}: ${kinds.join(", ")}`,
  };
}
