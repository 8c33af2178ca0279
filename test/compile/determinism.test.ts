import { describe, expect, test } from "vitest";
import { makeRunnable, makeService, makeVolume, makeWorker, makeWorkflow } from "./factories.js";
import { compile } from "./helpers.js";

describe("determinism", () => {
  test("the output does not depend on input order and is identical run to run", () => {
    const svc = makeService("api", { servicePort: 80, envs: { B: "2", A: "1" } });
    const worker = makeWorker("sink", {}, "team-b");
    const wf = makeWorkflow("once", [{ name: "a" }, { dependencies: ["a"], name: "b" }]);
    const volume = makeVolume("data");
    const runnables = [
      makeRunnable(svc),
      makeRunnable(worker),
      ...wf.spec.dag.map((j) => makeRunnable(wf, { jobName: j.name })),
    ];
    const resources = [svc, worker, wf, volume];
    const first = JSON.stringify(compile(runnables, resources).objects);
    const again = JSON.stringify(
      compile([...runnables].reverse(), [...resources].reverse()).objects,
    );
    expect(again).toBe(first);
  });
});
