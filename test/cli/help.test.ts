import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS as REGISTERED } from "../../src/cli/commands/index.js";
import { requireBundle, runStackyard } from "./run-stackyard.js";

requireBundle();

/** Every registered command, in table order: help must list exactly these. */
const COMMANDS = REGISTERED.map((c) => c.name);
const VERSION = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "../../package.json"), "utf8"),
).version;

describe("stackyard --help and --version", () => {
  it("lists every command and the global options, exit 0", async () => {
    const run = await runStackyard(["--help"]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout.startsWith(`stackyard ${VERSION} — `)).toBe(true);
    const listed = run.stdout
      .split("Commands:\n")[1]!
      .split("\n\n")[0]!
      .split("\n")
      .map((line) => line.trim().split(/\s{2,}/)[0]);
    expect(listed).toEqual(COMMANDS);
    for (const flag of [
      "--config PATH",
      "--format FORMAT",
      "--color WHEN",
      "-C, --directory DIR",
      "-q, --quiet",
    ]) {
      expect(run.stdout).toContain(flag);
    }
  });

  for (const name of COMMANDS) {
    it(`prints help for ${name} three ways`, async () => {
      const words = name.split(" ");
      const runs = await Promise.all([
        runStackyard([...words, "--help"]),
        runStackyard([...words, "-h"]),
        runStackyard(["help", ...words]),
      ]);
      for (const run of runs) {
        expect(run).toMatchObject({ code: 0, stderr: "" });
        expect(run.stdout).toMatch(
          new RegExp(`^stackyard ${name} — .+\n\nUsage: stackyard ${name}`),
        );
        expect(run.stdout).toContain(
          "Exit codes: 0 ok, 1 invalid input or stale output, 2 usage error",
        );
      }
      expect(runs[1]!.stdout).toBe(runs[0]!.stdout);
      expect(runs[2]!.stdout).toBe(runs[0]!.stdout);
    });
  }

  it("helps with a group of commands by its first word: help template, template --help", async () => {
    for (const args of [
      ["help", "template"],
      ["template", "--help"],
    ]) {
      const run = await runStackyard(args);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout.split("\n")[0]).toBe(
        "stackyard template eval — render a Go template file with the given data",
      );
    }
  });

  it("prints the version from package.json", async () => {
    expect(await runStackyard(["--version"])).toEqual({
      code: 0,
      stdout: `stackyard ${VERSION}\n`,
      stderr: "",
    });
  });
});
