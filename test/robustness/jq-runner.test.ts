import { afterEach, describe, expect, it } from "vitest";
import { createJqRunner, runAddressFilter, type JqRunner } from "../../src/resolve/jq.js";

let runner: JqRunner | undefined;

afterEach(async () => {
  await runner?.close();
  runner = undefined;
});

const SPEC = {
  inputs: [{ dataset: "dataos://lake:retail/orders" }],
  output: "dataos://lake:retail/out?acl=rw",
};

describe("jq filters run in a worker with a budget", () => {
  it("returns every value a filter produces, and nothing for absent optional parts", async () => {
    runner = createJqRunner();
    expect(await runAddressFilter(runner, ".inputs[].dataset, .output", SPEC)).toEqual({
      ok: true,
      values: ["dataos://lake:retail/orders", "dataos://lake:retail/out?acl=rw"],
    });
    expect(await runAddressFilter(runner, ".outputs[].dataset", SPEC)).toEqual({
      ok: true,
      values: [],
    });
  });

  it("reports a filter that does not compile in jq's words", async () => {
    runner = createJqRunner();
    const result = await runAddressFilter(runner, ".inputs[", SPEC);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/syntax error/);
  });

  it("reports a filter that breaks out of its wrapper instead of crashing", async () => {
    runner = createJqRunner();
    const result = await runAddressFilter(runner, "1)?], [(2", SPEC);
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/not one jq expression/) });
  });

  it("stops a filter that never ends, then runs the next one in a fresh worker", async () => {
    runner = createJqRunner({ timeoutMs: 300, maxMemoryMiB: 256 });
    const endless = await runAddressFilter(runner, "def f: f; f", SPEC);
    expect(endless).toEqual({ ok: false, error: expect.stringMatching(/ran longer than 300 ms/) });
    expect(await runAddressFilter(runner, ".output", SPEC)).toEqual({
      ok: true,
      values: [SPEC.output],
    });
  });

  it("does not run a filter again once it ran out of time", async () => {
    runner = createJqRunner({ timeoutMs: 300, maxMemoryMiB: 256 });
    await runAddressFilter(runner, "repeat(.)", SPEC);
    const again = await runAddressFilter(runner, "repeat(.)", SPEC);
    expect(again).toEqual({ ok: false, error: expect.stringMatching(/not run again/) });
  });

  it("stops a filter that grows without bound at the memory budget", async () => {
    runner = createJqRunner({ timeoutMs: 60_000, maxMemoryMiB: 64 });
    const result = await runAddressFilter(runner, "def f: 1 + f; f", SPEC);
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(/more than 64 MiB of memory/),
    });
    expect(await runAddressFilter(runner, ".output", SPEC)).toEqual({
      ok: true,
      values: [SPEC.output],
    });
  });

  it("runs queued filters one at a time, each with its own answer", async () => {
    runner = createJqRunner();
    const inputs = Array.from({ length: 20 }, (_, i) => ({ output: `dataos://lake:c/d${i}` }));
    const results = await Promise.all(
      inputs.map((input) => runAddressFilter(runner!, ".output", input)),
    );
    expect(results).toEqual(inputs.map((input) => ({ ok: true, values: [input.output] })));
  });
});
