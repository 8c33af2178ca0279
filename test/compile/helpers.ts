import { expect } from "vitest";
import type { StackyardConfig } from "../../src/config/types.js";
import { compileAll } from "../../src/compile/index.js";
import type { EmitObject } from "../../src/emit/types.js";
import type { RenderedRunnable } from "../../src/render/types.js";
import type { Resource } from "../../src/validate/types.js";
import { makeConfig } from "./factories.js";
import { assertValidK8s } from "./validate-k8s.js";

/** Compiles and checks that every emitted object is valid (strictly) before returning. */
export function compile(
  runnables: RenderedRunnable[],
  resources: Resource[],
  config: StackyardConfig = makeConfig(),
): ReturnType<typeof compileAll> {
  const result = compileAll({ config, resources, runnables });
  assertValidK8s(result.objects.map((o) => o.object));
  return result;
}

/**
 * The single emitted object of a kind (fails the test when there is not exactly one). Typed
 * loosely on purpose: tests read deep into objects whose shape the strict validator checks.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function one(objects: readonly EmitObject[], kind: string): any {
  const found = objects.filter((o) => o.object.kind === kind);
  expect(found.map((o) => `${o.object.kind}/${o.object.metadata.name}`)).toHaveLength(1);
  return found[0]!.object;
}

/** Kinds of the emitted objects, sorted. */
export function kinds(objects: readonly EmitObject[]): string[] {
  return objects.map((o) => o.object.kind).sort();
}
