/**
 * The strict Kubernetes/CRD validation every compile test runs: the build's own check
 * (src/check/k8s), with problems as `path message` strings for readable test failures.
 */
import { loadAllSchemas } from "../../src/check/k8s/models.js";
import { schemaProblems } from "../../src/check/k8s/validate-object.js";

// The models load asynchronously; the helpers below are synchronous, so load them all once here.
await loadAllSchemas();

/** Every problem of an object: schema errors and unknown fields; empty when it is valid. */
export function k8sProblems(object: { apiVersion: string; kind: string }): string[] {
  return schemaProblems(object).map((p) =>
    p.kind === "no-schema"
      ? `no schema for ${object.apiVersion}/${object.kind}: add it to src/check/k8s/models.ts`
      : `/${p.path.join("/")} ${p.kind === "unknown-field" ? "is not a known field" : p.message}`,
  );
}

/** Throws with every problem of every object (a readable test failure). */
export function assertValidK8s(
  objects: ReadonlyArray<{ apiVersion: string; kind: string; metadata?: { name?: string } }>,
): void {
  const failures = objects.flatMap((o) =>
    k8sProblems(o).map((p) => `${o.kind}/${o.metadata?.name ?? "?"}: ${p}`),
  );
  if (failures.length > 0) throw new Error(`invalid Kubernetes objects:\n${failures.join("\n")}`);
}
