// The unknown-field check remembers, per kind and shape, what the validator read: every answer
// must be the one recording that very object's reads gives (`byShape: false`).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { loadAllSchemas } from "../../src/check/k8s/models.js";
import { SHAPE_DETERMINED_MODELS } from "../../src/check/k8s/shape-determined-models.js";
import { schemaProblems, shapeOf } from "../../src/check/k8s/validate-object.js";

await loadAllSchemas();

const ROOT = path.resolve(import.meta.dirname, "../..");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type K8sObject = { apiVersion: string; kind: string } & Record<string, Json>;

/** Every Kubernetes object stackyard wrote for the example repository and the fixtures. */
function emittedObjects(): K8sObject[] {
  const files = [
    ...readdirSync(path.join(ROOT, "out"), { recursive: true, encoding: "utf8" }).map((f) =>
      path.join(ROOT, "out", f),
    ),
    ...readdirSync(path.join(ROOT, "test/fixtures/cases"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.split(path.sep).includes("expected"))
      .map((f) => path.join(ROOT, "test/fixtures/cases", f)),
  ].filter((f) => f.endsWith(".yaml") && path.basename(f) !== "kustomization.yaml");
  return files
    .map((f) => parse(readFileSync(f, "utf8")) as K8sObject)
    .filter((o) => typeof o?.kind === "string" && typeof o.apiVersion === "string");
}

const OBJECTS = emittedObjects();
const reference = (o: K8sObject) => schemaProblems(o, { byShape: false });

/** Replaces every scalar by its type's name: what shapeOf must tell apart, and only that. */
function skeleton(value: unknown): unknown {
  if (Array.isArray(value)) return { array: value.map(skeleton) };
  if (value !== null && typeof value === "object")
    return { object: Object.entries(value).map(([k, v]) => [k, skeleton(v)]) };
  return value === null ? "null" : typeof value;
}

describe("shapeOf", () => {
  it("is equal for two values exactly when their keys, key order and types are", () => {
    const tricky = fc.constantFrom("a", '"', 'a"s', "'1:a", '"a"s', "", "{", "[s", "1:a", ":", "s");
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        fc.constantFrom(null, true, 0, 1.5, "", "x"),
        fc.array(tie("value"), { maxLength: 3 }),
        fc.dictionary(fc.oneof(tricky, fc.string()), tie("value"), { maxKeys: 3 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, json, (a, b) => {
        const same = JSON.stringify(skeleton(a)) === JSON.stringify(skeleton(b));
        expect(shapeOf(a) === shapeOf(b)).toBe(same);
      }),
      { numRuns: 2000 },
    );
    // Independent values rarely share a shape: the same value with other scalars always does.
    fc.assert(
      fc.property(json, (a) => {
        expect(shapeOf(otherScalars(a))).toBe(shapeOf(a));
      }),
    );
  });
});

/** The same keys and types, other values: strings longer, numbers moved, booleans flipped. */
function otherScalars(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(otherScalars);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, otherScalars(v)]));
  if (typeof value === "string") return `${value}~`;
  if (typeof value === "number") return value + 1;
  if (typeof value === "boolean") return !value;
  return value;
}

describe("unknown fields remembered by shape", () => {
  it("reads the same problems as recording, for every object stackyard emitted", () => {
    expect(OBJECTS.length).toBeGreaterThan(150);
    const kinds = new Set(OBJECTS.map((o) => `${o.apiVersion}/${o.kind}`));
    // Most of what a build emits goes through the remembered path.
    expect([...kinds].filter((k) => SHAPE_DETERMINED_MODELS.has(k)).length).toBeGreaterThan(8);
    for (const o of OBJECTS) {
      const expected = reference(o);
      expect(schemaProblems(o)).toEqual(expected);
      expect(schemaProblems(o), "remembered").toEqual(expected);
    }
  });

  it("answers mutated objects as recording their own reads does", () => {
    const key = fc.constantFrom(
      "name",
      "image",
      "replicas",
      "labels",
      "spec",
      "metadata",
      "containers",
      "data",
      "port",
      "imagePullPolicy",
      "podMetricsEndpoint",
      "replica",
      "unknownField",
    );
    const scalar = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    const mutation = fc.record({
      op: fc.constantFrom("add", "delete", "same-type", "retype", "append", "shrink"),
      pick: fc.nat(),
      key,
      scalar,
    });
    fc.assert(
      fc.property(fc.constantFrom(...OBJECTS), fc.array(mutation, { maxLength: 4 }), (o, ms) => {
        const copy = structuredClone(o);
        for (const m of ms) mutate(copy, m);
        const expected = reference(copy);
        expect(schemaProblems(copy)).toEqual(expected);
        expect(schemaProblems(structuredClone(copy)), "remembered").toEqual(expected);
      }),
      { numRuns: 1500 },
    );
  });
});

describe("past the bound on remembered shapes", () => {
  // Last in this file: it uses up the process's shapes, as a long `--watch` over generated
  // names would.
  it("stops numbering shapes, and objects are still checked by recording their reads", () => {
    let n = 0;
    let shape: number | undefined = 0;
    while (shape !== undefined && n < 1_000_000) shape = shapeOf({ [`key-${n++}`]: n });
    expect(shape).toBeUndefined();
    expect(shapeOf({ a: [{ b: "c" }] })).toBeUndefined();
    // Scalars have their shapes still, and objects seen before keep theirs.
    expect(shapeOf("x")).toBe(shapeOf("y"));
    expect(shapeOf({ "key-0": 7 })).toBeDefined();
    for (const o of OBJECTS.slice(0, 40)) {
      const copy = structuredClone(o);
      (copy as Record<string, Json>)["metadata"] = { name: "fresh", unknownField: true };
      expect(schemaProblems(copy)).toEqual(reference(copy));
    }
  });
});

type Mutation = { op: string; pick: number; key: string; scalar: Json };

/** Applies one mutation at a node chosen by `pick` among the object's containers or scalars. */
function mutate(root: K8sObject, m: Mutation): void {
  const containers: Array<Json[] | { [key: string]: Json }> = [];
  const scalars: Array<{ parent: Json[] | { [key: string]: Json }; at: string | number }> = [];
  const walk = (value: Json): void => {
    if (value === null || typeof value !== "object") return;
    containers.push(value);
    const entries: Array<[string | number, Json]> = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : Object.entries(value);
    for (const [at, child] of entries) {
      if (child !== null && typeof child === "object") walk(child);
      else scalars.push({ parent: value, at });
    }
  };
  walk(root as unknown as Json);
  const node = containers[m.pick % containers.length]!;
  const set = (parent: Json[] | { [key: string]: Json }, at: string | number, v: Json) => {
    (parent as Record<string | number, Json>)[at] = v;
  };
  switch (m.op) {
    case "add":
      if (Array.isArray(node)) node.push(m.scalar);
      else if (!(node === (root as unknown) && (m.key === "apiVersion" || m.key === "kind")))
        node[m.key] = { [m.key]: m.scalar };
      return;
    case "delete": {
      if (Array.isArray(node)) node.pop();
      else {
        const keys = Object.keys(node).filter((k) => node !== (root as unknown) || k !== "kind");
        if (keys.length > 0) delete node[keys[m.pick % keys.length]!];
      }
      return;
    }
    case "append":
      if (Array.isArray(node) && node.length > 0) node.push(structuredClone(node[0]!));
      return;
    case "shrink":
      if (Array.isArray(node)) node.splice(0, 1);
      return;
  }
  if (scalars.length === 0) return;
  const { parent, at } = scalars[m.pick % scalars.length]!;
  if (parent === (root as unknown) && (at === "apiVersion" || at === "kind")) return;
  const old = (parent as Record<string | number, Json>)[at]!;
  if (m.op === "same-type") {
    // Another value of the same JSON type: the shape stays, so the remembered answer is used.
    const again =
      typeof old === "string"
        ? `${old}${String(m.scalar).slice(0, 3)}`
        : typeof old === "number"
          ? old + (m.pick % 5) - 2
          : typeof old === "boolean"
            ? !old
            : old;
    set(parent, at, again);
  } else set(parent, at, m.scalar);
}
