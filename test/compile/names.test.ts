import { describe, expect, test } from "vitest";
import { ORCHESTRATORS } from "../../src/compile/index.js";
import { k8sName } from "../../src/compile/names.js";
import type { Orchestrator } from "../../src/resolve/types.js";
import { makeRunnable, makeService } from "./factories.js";
import { compile, one } from "./helpers.js";

describe("names", () => {
  test("short names are kept, lower-cased", () => {
    expect(k8sName("Orders-API")).toBe("orders-api");
  });

  test("long names are truncated to 63 with a stable hash of the full name", () => {
    const long = `${"a".repeat(50)}-${"b".repeat(20)}`;
    const name = k8sName(long);
    expect(name).toHaveLength(63);
    expect(name).toMatch(/^a{50}-b{3}-[0-9a-f]{8}$/);
    expect(k8sName(long)).toBe(name);
    expect(k8sName(`${long}c`)).not.toBe(name);
  });

  test("a truncation never leaves a dangling hyphen before the hash", () => {
    expect(k8sName(`${"a".repeat(53)}-${"b".repeat(20)}`)).toMatch(/^a{53}-[0-9a-f]{8}$/);
  });

  test("objects of a 48-character resource with a stamp fit, keeping the names templates use", () => {
    const svc = makeService("x".repeat(48), { servicePort: 80 });
    const { objects } = compile(
      [makeRunnable(svc, { stamp: "-ab12", configFiles: { a: "b" } })],
      [svc],
    );
    for (const o of objects) expect(o.object.metadata.name.length).toBeLessThanOrEqual(63);
    // `<name>-<type><stamp>` is at most 48 + 9 + 5 characters: never truncated.
    expect(one(objects, "ConfigMap").metadata.name).toBe(`${"x".repeat(48)}-service-ab12`);
  });
});

describe("ORCHESTRATORS", () => {
  test("registers a module for every orchestrator type", () => {
    const all: Orchestrator[] = ["service", "worker", "workflow"];
    expect(Object.keys(ORCHESTRATORS).sort()).toEqual(all);
    for (const m of Object.values(ORCHESTRATORS)) expect(typeof m.compile).toBe("function");
  });
});
