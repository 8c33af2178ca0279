import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS as REGISTERED } from "../../src/cli/commands/index.js";
import { parseCommandLine } from "../../src/cli/parse-command-line.js";
import { DIAGNOSTIC_FORMATS } from "../../src/diagnostics/format.js";
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

  it("lists, for --format, exactly the formats each command accepts", async () => {
    const candidates = new Set([
      ...Object.keys(DIAGNOSTIC_FORMATS),
      ...REGISTERED.flatMap((c) => c.outputFormats ?? []),
    ]);
    for (const command of REGISTERED) {
      const words = command.name.split(" ");
      const help = (await runStackyard([...words, "--help"])).stdout;
      const line = help.split("\n").find((l) => l.trim().startsWith("--format FORMAT"));
      const listed = /:\s*([^(;]+?)\s*\(default/.exec(line ?? "")?.[1]?.split(/,\s*/);
      const accepted = [...candidates].filter((format) => {
        const run = parseCommandLine([...words, "--format", format], REGISTERED);
        return !(run.kind === "usage-error" && run.message.includes("--format"));
      });
      expect(listed, `${command.name}: ${line}`).toEqual(accepted);
    }
  });

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
