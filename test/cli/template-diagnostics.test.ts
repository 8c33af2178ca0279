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

describe("a stack's templates", () => {
  const stack = (template: string) => `name: say-v1
version: v1alpha
type: stack
stack:
  name: say
  version: "1.0"
  image: {registry: docker.io, repository: library, image: busybox, tag: "1.36"}
  workerConfig:
    configFileTemplate: |
      main.sh: echo hi
  serviceConfig:
    configFileTemplate: |
      ${template}
`;
  const worker = (name: string) => `name: ${name}
version: v1
type: worker
workspace: public
worker:
  stack: say
  compute: runnable-default
`;
  const errorLines = (stderr: string) => stderr.split("\n").filter((l) => l.includes(" error "));
  const parseError =
    'resources/stacks/say.yaml:13:27 error TEMPLATE_PARSE template: configFileTemplate:1: function "nosuchfunc" not defined';

  it("are parsed when no resource uses them, and a parse error is reported once", async () => {
    repo = await makeTempDir("template-diagnostics");
    await writeEntries(repo, {
      "stackyard.yaml": "roots: [resources]\n",
      "resources/stacks/say.yaml": stack("main.sh: {{ .Name | nosuchfunc }}"),
      "resources/a.yaml": worker("a"),
      "resources/b.yaml": worker("b"),
    });
    const run = await runStackyard(["validate"], { cwd: repo });
    expect(run.code).toBe(1);
    expect(errorLines(run.stderr)).toEqual([parseError]);
    const one = await runStackyard(["validate", "resources/stacks/say.yaml"], { cwd: repo });
    expect(one.code).toBe(1);
    expect(errorLines(one.stderr)).toEqual([parseError]);
  });

  it("with a user each: the error is reported once, not once per user", async () => {
    repo = await makeTempDir("template-diagnostics");
    await writeEntries(repo, {
      "stackyard.yaml": "roots: [resources]\n",
      "resources/stacks/say.yaml": stack("main.sh: {{ .Name | nosuchfunc }}").replace(
        "main.sh: echo hi",
        "main.sh: {{ .Name | uper }}",
      ),
      "resources/a.yaml": worker("a"),
      "resources/b.yaml": worker("b"),
      "resources/c.yaml": worker("c"),
    });
    const run = await runStackyard(["build"], { cwd: repo });
    expect(run.code).toBe(1);
    expect(errorLines(run.stderr)).toEqual([
      'resources/stacks/say.yaml:10:27 error TEMPLATE_PARSE template: configFileTemplate:1: function "uper" not defined',
      parseError,
    ]);
  });

  it("are parsed again by a build after an edit of the stack file alone", async () => {
    repo = await makeTempDir("template-diagnostics");
    await writeEntries(repo, {
      "stackyard.yaml": "roots: [resources]\n",
      "resources/stacks/say.yaml": stack("main.sh: {{ .Name }}"),
      "resources/a.yaml": worker("a"),
    });
    expect((await runStackyard(["build"], { cwd: repo })).code).toBe(0);
    await writeEntries(repo, {
      "resources/stacks/say.yaml": stack("main.sh: {{ .Name | nosuchfunc }}"),
    });
    for (let i = 0; i < 2; i++) {
      const run = await runStackyard(["build"], { cwd: repo });
      expect(run.code).toBe(1);
      expect(errorLines(run.stderr)).toEqual([parseError]);
    }
    await writeEntries(repo, { "resources/stacks/say.yaml": stack("main.sh: {{ .Name }}") });
    expect((await runStackyard(["build"], { cwd: repo })).code).toBe(0);
  });
});
