import { afterEach, describe, expect, it } from "vitest";
import { makeTempDir, removeDir, writeEntries } from "../robustness/temp-repo.js";
import { requireBundle, runStackyard } from "./run-stackyard.js";

requireBundle();

let repo: string | undefined;
afterEach(async () => {
  if (repo !== undefined) await removeDir(repo);
  repo = undefined;
});

/** A repository of one worker on a stack whose configFileTemplate's one line is `line`. */
async function repoWith(line: string): Promise<string> {
  const dir = await makeTempDir("template-diagnostics");
  await writeEntries(dir, {
    "stackyard.yaml": "roots: [resources]\n",
    "resources/stack.yaml": `name: say-v1
version: v1alpha
type: stack
stack:
  name: say
  version: "1.0"
  image: {registry: docker.io, repository: library, image: busybox, tag: "1.36"}
  workerConfig:
    configFileTemplate: |
      main.sh: |
        ${line}
`,
    "resources/hello.yaml": `name: hello
version: v1
type: worker
workspace: public
worker:
  stack: say
  compute: runnable-default
`,
  });
  return dir;
}

/** The diagnostic's first line, its excerpt and hint lines (the note names the resource). */
async function reported(line: string): Promise<string[]> {
  repo = await repoWith(line);
  const run = await runStackyard(["validate"], { cwd: repo });
  expect(run.code).toBe(1);
  return run.stderr.split("\n").slice(0, 4);
}

describe("template parse errors", () => {
  it("underline a function that is not defined, with a did-you-mean", async () => {
    expect(await reported("echo {{ .Name | uper }}")).toEqual([
      'resources/stack.yaml:11:25 error TEMPLATE_PARSE template: configFileTemplate:2: function "uper" not defined',
      "  11 |         echo {{ .Name | uper }}",
      "     |                         ^^^^",
      "  = hint: did you mean upper?",
    ]);
  });

  it("underline an undefined variable, not the }} after it, with a did-you-mean", async () => {
    expect(await reported("{{ $name := .Name }}echo {{ $nmae }}")).toEqual([
      'resources/stack.yaml:11:37 error TEMPLATE_PARSE template: configFileTemplate:2: undefined variable "$nmae"',
      "  11 |         {{ $name := .Name }}echo {{ $nmae }}",
      "     |                                     ^^^^^",
      "  = hint: did you mean $name?",
    ]);
  });

  it("say which variables are in scope when none is near", async () => {
    const lines = await reported("echo {{ $undefined }}");
    expect(lines[2]).toBe("     |                 ^^^^^^^^^^");
    expect(lines[3]).toBe(
      "  = hint: declare it first ({{ $undefined := … }}) in this template, or use one in scope: $",
    );
  });
});
