import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { requireBundle, runStackyard } from "./run-stackyard.js";

requireBundle();

/** The exact stderr of a usage error. */
function usage(lines: string[]): string {
  return `${lines.join("\n")}\n`;
}

describe("usage errors exit 2 with the message and the usage", () => {
  it("an unknown command, with a did-you-mean", async () => {
    expect(await runStackyard(["biuld"])).toEqual({
      code: 2,
      stdout: "",
      stderr: usage([
        'stackyard: unknown command "biuld"',
        'hint: did you mean "build"?',
        "Usage: stackyard [global options] <command> [options]",
        "Run 'stackyard --help' for more.",
      ]),
    });
  });

  it("a path to validate that does not exist, rather than 'no errors' for a typo", async () => {
    const run = await runStackyard(["validate", "resources/no-such-file.yaml"]);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n").slice(0, 3)).toEqual([
      "stackyard: resources/no-such-file.yaml does not exist",
      "hint: give files or folders of the repository, relative to its root",
      "Usage: stackyard validate [options] [PATH…]",
    ]);
  });

  it("a mistyped option and no command: the option is named, not the missing command", async () => {
    expect(await runStackyard(["--versoin"])).toEqual({
      code: 2,
      stdout: "",
      stderr: usage([
        "stackyard: unknown option --versoin",
        "hint: did you mean --version?",
        "Usage: stackyard [global options] <command> [options]",
        "Run 'stackyard --help' for more.",
      ]),
    });
    expect((await runStackyard(["--quiet"])).stderr.split("\n")[0]).toBe(
      "stackyard: no command given",
    );
  });

  it("an empty --config", async () => {
    const run = await runStackyard(["--config", "", "validate"]);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe("stackyard: --config needs a file's path");
  });

  it("init with --config, which it would ignore: it writes stackyard.yaml", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "stackyard-init-config-"));
    try {
      const run = await runStackyard(["init", "--config", "platform.yaml"], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr.split("\n").slice(0, 3)).toEqual([
        "stackyard: init writes DIR/stackyard.yaml and takes no --config",
        "hint: run stackyard init [DIR] without --config; every command then finds stackyard.yaml by itself",
        "Usage: stackyard init [DIR]",
      ]);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("watch, which is an option of build", async () => {
    const run = await runStackyard(["watch"]);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n").slice(0, 2)).toEqual([
      'stackyard: unknown command "watch"',
      'hint: did you mean "build --watch"?',
    ]);
  });

  it("no command at all", async () => {
    const run = await runStackyard([]);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe("stackyard: no command given");
  });

  it("an unknown option, with a did-you-mean", async () => {
    expect(await runStackyard(["build", "--fromat", "json"])).toEqual({
      code: 2,
      stdout: "",
      stderr: usage([
        "stackyard: unknown option --fromat",
        "hint: did you mean --format?",
        "Usage: stackyard build [options]",
        "Run 'stackyard build --help' for more.",
      ]),
    });
  });

  it("an option without its value", async () => {
    const run = await runStackyard(["check", "--config"]);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n").slice(0, 3)).toEqual([
      "stackyard: option --config needs a value (PATH)",
      'hint: write --config=VALUE when the value starts with "-"',
      "Usage: stackyard check [options]",
    ]);
  });

  it("a value for a flag that takes none", async () => {
    const run = await runStackyard(["build", "--quiet=yes"]);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe("stackyard: option --quiet takes no value");
  });

  it("an unknown --format or --color value, naming the valid ones", async () => {
    const format = await runStackyard(["validate", "--format", "xml"]);
    expect(format.code).toBe(2);
    expect(format.stderr.split("\n").slice(0, 2)).toEqual([
      'stackyard: unknown format "xml" for --format',
      "hint: use one of: text, json, github, sarif",
    ]);
    const color = await runStackyard(["--color=sometimes", "build"]);
    expect(color.code).toBe(2);
    expect(color.stderr.split("\n").slice(0, 2)).toEqual([
      'stackyard: unknown value "sometimes" for --color',
      "hint: use one of: auto, always, never",
    ]);
  });

  it("a stray argument, and a missing one", async () => {
    const stray = await runStackyard(["build", "resources"]);
    expect(stray.code).toBe(2);
    expect(stray.stderr.split("\n")[0]).toBe(
      'stackyard: build takes no arguments, but got "resources"',
    );
    const missing = await runStackyard(["template", "eval"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.split("\n")[0]).toBe("stackyard: template eval needs 1 argument");
  });

  it("a command group without its subcommand", async () => {
    const run = await runStackyard(["template"]);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n").slice(0, 2)).toEqual([
      'stackyard: "template" needs a subcommand',
      "hint: use one of: template eval",
    ]);
  });

  it("-C naming a folder that does not exist, or a file", async () => {
    const run = await runStackyard(["-C", "no/such/dir", "validate"]);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toMatch(
      /^stackyard: -C no\/such\/dir: no such folder: \/.*no\/such\/dir$/,
    );
    const file = await runStackyard(["-C", "stackyard.yaml", "validate"]);
    expect(file.code).toBe(2);
    expect(file.stderr.split("\n")[0]).toMatch(
      /^stackyard: -C stackyard\.yaml: is not a folder: \/.*stackyard\.yaml$/,
    );
  });

  it("help for a command that does not exist", async () => {
    const run = await runStackyard(["help", "chek"]);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n").slice(0, 2)).toEqual([
      'stackyard: no command named "chek"',
      'hint: did you mean "check"?',
    ]);
  });
});
