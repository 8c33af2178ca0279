import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/commands/index.js";
import type { CompileResult, Core, RepoRequest } from "../../src/cli/core.js";
import { loadConfig } from "../../src/config/load-config.js";
import { runCli } from "../../src/cli/run-cli.js";
import { diag, type Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { fakeIo } from "./fake-io.js";

/**
 * The commands' own logic (exit codes, streams, summaries) against a stand-in compiler; the
 * real compiler's end-to-end runs are tested with src/build.
 */
let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "stackyard-cli-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const SVC = "name: web\nversion: v1\ntype: service\nservice:\n  replcas: 2\n";
const SOURCES = () => new Map([["svc.yaml", SVC]]);
const AT = SVC.indexOf("replcas");
const UNKNOWN = (): Diagnostic =>
  diag(
    "UNKNOWN_FIELD",
    'unknown key "replcas"',
    { file: "svc.yaml", range: { start: AT, end: AT + 7 } },
    {
      hint: 'did you mean "replicas"?',
    },
  );
const WARNING = (): Diagnostic =>
  diag("COMPUTE_NOT_RUNNABLE", "compute query is not runnable", { file: "svc.yaml" });

function result(diagnostics: Diagnostic[] = []): CompileResult {
  return { diagnostics, sources: SOURCES(), stats: { resources: 12, objects: 41, files: 44 } };
}

/** A Core member the commands under test never call. */
function unused(name: string): () => never {
  return () => {
    throw new Error(`the stand-in compiler has no ${name}`);
  };
}

/** A stand-in compiler that records its requests and answers what the test says. */
function standIn(answers: Partial<Record<keyof Core, unknown>> = {}) {
  const requests: RepoRequest[] = [];
  const answer = async <T>(name: keyof Core, req: RepoRequest, fallback: T): Promise<T> => {
    requests.push(req);
    const a = answers[name];
    if (a instanceof Error) throw a;
    return (a ?? fallback) as T;
  };
  const core: Core = {
    loadConfig: (root, explicitPath) => loadConfig(root, explicitPath),
    buildRepo: (req) =>
      answer("buildRepo", req, { ...result(), write: { written: 3, unchanged: 38, pruned: 0 } }),
    checkRepo: (req) => answer("checkRepo", req, result()),
    validateRepo: (req) => answer("validateRepo", req, result()),
    evalTemplateFile: () => ({ ok: true, output: "" }),
    // Commands these tests do not run: reaching one is a test bug.
    listStacks: unused("listStacks"),
    inspectRepo: unused("inspectRepo"),
    diffRevisions: unused("diffRevisions"),
    postPreview: unused("postPreview"),
    publishRendered: unused("publishRendered"),
    publishSourceRefusal: unused("publishSourceRefusal"),
  };
  return { core, requests };
}

async function run(argv: string[], core: Core, env: Record<string, string> = {}) {
  const { io, out } = fakeIo(root, env);
  const code = await runCli(argv, { io, core, commands: COMMANDS, version: "9.9.9" });
  return { code, ...out };
}

describe("build", () => {
  it("prints a one-line summary on success and passes the default config", async () => {
    const { core, requests } = standIn();
    expect(await run(["build"], core)).toEqual({
      code: 0,
      stdout: "",
      stderr: expect.stringMatching(
        /^built 12 resources → 41 objects in out\/ \(3 written, 38 unchanged, 0 pruned\), \d+\.\ds\n$/,
      ),
    });
    expect(requests).toMatchObject([{ root, config: { outDir: "out", roots: ["."] } }]);
    expect(requests[0]).not.toHaveProperty("paths");
  });

  it("exits 1 with the diagnostics, and no summary, when there is an error", async () => {
    const { core } = standIn({ buildRepo: result([UNKNOWN()]) });
    expect(await run(["build"], core)).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        'svc.yaml:5:3 error UNKNOWN_FIELD unknown key "replcas"',
        "  5 |   replcas: 2",
        "    |   ^^^^^^^",
        '  = hint: did you mean "replicas"?',
        "",
        "1 error",
        "",
      ].join("\n"),
    });
  });

  it("sends json to stdout and keeps the summary on stderr", async () => {
    const { core } = standIn({
      buildRepo: { ...result([WARNING()]), write: { written: 0, unchanged: 41, pruned: 2 } },
    });
    const out = await run(["--format", "json", "build"], core);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject([
      { code: "COMPUTE_NOT_RUNNABLE", severity: "warning" },
    ]);
    expect(out.stderr).toMatch(
      /^built 12 resources → 41 objects in out\/ \(0 written, 41 unchanged, 2 pruned\), 1 warning, \d+\.\ds\n$/,
    );
  });

  it("--quiet drops warnings and the summary", async () => {
    const { core } = standIn({ buildRepo: result([WARNING()]) });
    expect(await run(["build", "-q"], core)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("stops at an invalid stackyard.yaml without compiling", async () => {
    await writeFile(path.join(root, "stackyard.yaml"), "outdir: out\n");
    const { core, requests } = standIn();
    const out = await run(["build"], core);
    expect(out.code).toBe(1);
    expect(out.stderr.split("\n")[0]).toBe(
      'stackyard.yaml:1:1 error CONFIG_INVALID unknown key "outdir" at the top level',
    );
    expect(requests).toEqual([]);
  });

  it("reads --config relative to -C and hands its settings to the compiler", async () => {
    await writeFile(path.join(root, "prod.yaml"), "outDir: deploy\ncluster: prod\n");
    const { core, requests } = standIn();
    const out = await run(["-C", root, "build", "--config", "prod.yaml"], core);
    expect(out.stderr).toMatch(
      /^built 12 resources → 41 objects in deploy\/ \(3 written, 38 unchanged, 0 pruned\), \d+\.\ds\n$/,
    );
    expect(requests[0]!.config).toMatchObject({ outDir: "deploy", cluster: "prod" });
  });

  it("colours diagnostics with --color always, and never by default off a terminal", async () => {
    const { core } = standIn({ buildRepo: result([UNKNOWN()]) });
    expect((await run(["build", "--color", "always"], core)).stderr).toContain(
      "\x1b[1;31merror\x1b[0m",
    );
    expect((await run(["build"], core)).stderr).not.toContain("\x1b");
  });
});

describe("check", () => {
  const stale = {
    added: ["out/default/public/b.yaml"],
    changed: ["out/default/public/a.yaml"],
    deleted: ["out/old.yaml"],
  };

  it("exits 0 when fresh", async () => {
    const { core } = standIn({
      checkRepo: { ...result(), stale: { added: [], changed: [], deleted: [] } },
    });
    expect(await run(["check"], core)).toEqual({
      code: 0,
      stdout: "",
      stderr: "out/ is up to date (44 files)\n",
    });
  });

  it("exits 1 and lists the stale files with the fix", async () => {
    const { core } = standIn({ checkRepo: { ...result(), stale } });
    expect(await run(["check", "--quiet"], core)).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        "out/ is stale: 3 files would change",
        "  out/default/public/a.yaml (changed)",
        "  out/default/public/b.yaml (added)",
        "  out/old.yaml (deleted)",
        "hint: run: stackyard build",
        "",
      ].join("\n"),
    });
  });

  it("reports stale files as OUTPUT_STALE annotations for GitHub", async () => {
    const { core } = standIn({ checkRepo: { ...result(), stale } });
    const out = await run(["check", "--format=github"], core);
    expect(out.code).toBe(1);
    expect(out.stdout.split("\n")[0]).toBe(
      "::error file=out/default/public/a.yaml,title=OUTPUT_STALE::out/default/public/a.yaml would be changed by stackyard build%0Ahint: run: stackyard build",
    );
    expect(out.stdout.split("\n")).toHaveLength(4);
  });
});

describe("validate", () => {
  it("passes repository-relative paths and writes a summary", async () => {
    const { core, requests } = standIn();
    await mkdir(path.join(root, "resources"), { recursive: true });
    await mkdir(path.join(root, "stacks"), { recursive: true });
    await writeFile(path.join(root, "svc.yaml"), "name: svc\n");
    await writeFile(path.join(root, "resources/web.yaml"), "name: web\n");
    await writeFile(path.join(root, "stacks/etl.yml"), "name: etl\n");
    const out = await run(
      ["validate", "svc.yaml", "./resources/", path.join(root, "stacks")],
      core,
    );
    // Only the paths were validated; the repository's resources were read.
    expect(out).toEqual({
      code: 0,
      stdout: "",
      stderr: "validated svc.yaml, resources, stacks: no errors (12 resources read)\n",
    });
    expect(requests[0]!.paths).toEqual(["svc.yaml", "resources", "stacks"]);
  });

  it("summarizes the whole repository without paths, or with the repository's root", async () => {
    const { core } = standIn();
    await writeFile(path.join(root, "svc.yaml"), "name: svc\n");
    for (const args of [["validate"], ["validate", "."]]) {
      const out = await run(args, core);
      expect(out.stderr).toBe("validated 12 resources: no errors\n");
    }
  });

  it("does not count a path it did not validate as validated", async () => {
    const { core } = standIn();
    await writeFile(path.join(root, "stackyard.yaml"), "roots: [resources]\n");
    await mkdir(path.join(root, "resources"), { recursive: true });
    await mkdir(path.join(root, "out/prod"), { recursive: true });
    await writeFile(path.join(root, "resources/web.yaml"), "name: web\n");
    const summary = async (...paths: string[]) =>
      (await run(["validate", ...paths], core)).stderr.split("\n").at(-2);
    expect(await summary("out/prod")).toBe("nothing validated: out/prod is not read by a build");
    expect(await summary("out/prod", "stackyard.yaml")).toBe(
      "nothing validated: none of the 2 paths is read by a build",
    );
    expect(await summary("resources/web.yaml", "out/prod")).toBe(
      "validated resources/web.yaml: no errors (12 resources read); not validated: out/prod",
    );
  });

  it("says which paths it did not validate, since a build never reads them", async () => {
    const { core } = standIn();
    await writeFile(path.join(root, "stackyard.yaml"), "roots: [resources]\n");
    await mkdir(path.join(root, "resources"), { recursive: true });
    await mkdir(path.join(root, "docs"), { recursive: true });
    await mkdir(path.join(root, "out"), { recursive: true });
    await writeFile(path.join(root, "docs/example.yaml"), "name: x\n");
    await writeFile(path.join(root, "resources/README.md"), "# notes\n");
    const out = await run(
      ["validate", "docs/example.yaml", "resources/README.md", "out", "resources", "."],
      core,
    );
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/\nnothing validated: none of the 5 paths is read by a build\n$/);
    const warnings = out.stderr.split("\n").filter((l) => l.startsWith("warning"));
    expect(warnings).toEqual([
      // Nothing a build reads is under `.` or `resources`: README.md only.
      "warning PATH_NOT_VALIDATED . was not validated: no .yaml or .yml file under it is read by a build",
      "warning PATH_NOT_VALIDATED docs/example.yaml was not validated: it is not under roots: resources",
      "warning PATH_NOT_VALIDATED out was not validated: it is inside outDir (out/), which is output",
      "warning PATH_NOT_VALIDATED resources was not validated: no .yaml or .yml file under it is read by a build",
      "warning PATH_NOT_VALIDATED resources/README.md was not validated: it is not a .yaml or .yml file",
    ]);
    // Output is not fixed by adding it to roots (a root inside outDir is CONFIG_INVALID).
    const lines = out.stderr.split("\n");
    const at = lines.findIndex((l) => l.includes("out was not validated"));
    expect(lines[at + 1]).toBe(
      "  = hint: validate the manifests under the roots that it is built from",
    );
  });

  it("says which paths the build's listing leaves out: exclude globs, dot names, no manifests", async () => {
    const { core } = standIn();
    await writeFile(
      path.join(root, "stackyard.yaml"),
      'roots: [resources]\nexclude: ["**/*.draft.yaml", "resources/old/**"]\n',
    );
    const files = [
      "resources/web.yaml",
      "resources/web.draft.yaml",
      "resources/old/job.yaml",
      "resources/.hidden/job.yaml",
      "resources/.job.yaml",
      "resources/node_modules/pkg/x.yaml",
      "resources/docs/notes.txt",
      "resources/team/api.yml",
    ];
    for (const f of files) {
      await mkdir(path.dirname(path.join(root, f)), { recursive: true });
      await writeFile(path.join(root, f), "name: x\n");
    }
    const out = await run(
      [
        "validate",
        ...files.filter((f) => !f.endsWith(".txt")),
        "resources/docs",
        "resources/old",
        "resources/team",
        ".",
      ],
      core,
    );
    expect(out.code).toBe(0);
    const warnings = out.stderr.split("\n").filter((l) => l.startsWith("warning"));
    const hints = out.stderr.split("\n").filter((l) => l.startsWith("  = hint"));
    expect(warnings).toEqual([
      "warning PATH_NOT_VALIDATED resources/.hidden/job.yaml was not validated: a build skips files and folders whose names start with a dot",
      "warning PATH_NOT_VALIDATED resources/.job.yaml was not validated: a build skips files and folders whose names start with a dot",
      "warning PATH_NOT_VALIDATED resources/docs was not validated: no .yaml or .yml file under it is read by a build",
      "warning PATH_NOT_VALIDATED resources/node_modules/pkg/x.yaml was not validated: a glob of exclude: leaves it out",
      "warning PATH_NOT_VALIDATED resources/old was not validated: no .yaml or .yml file under it is read by a build",
      "warning PATH_NOT_VALIDATED resources/old/job.yaml was not validated: a glob of exclude: leaves it out",
      "warning PATH_NOT_VALIDATED resources/web.draft.yaml was not validated: a glob of exclude: leaves it out",
    ]);
    const excluded =
      "a build leaves out out/**, **/node_modules/**, **/.git/**, .github/**, **/*.draft.yaml, resources/old/** (exclude: in stackyard.yaml, and the folders no build enters)";
    expect(hints).toEqual([
      "  = hint: rename it, or give it its own entry in roots: in stackyard.yaml",
      "  = hint: rename it, or give it its own entry in roots: in stackyard.yaml",
      `  = hint: validate a folder that holds manifests; ${excluded}`,
      `  = hint: ${excluded}`,
      `  = hint: validate a folder that holds manifests; ${excluded}`,
      `  = hint: ${excluded}`,
      `  = hint: ${excluded}`,
    ]);
  });

  it("refuses a path outside the repository", async () => {
    const { core, requests } = standIn();
    const out = await run(["validate", "../elsewhere.yaml"], core);
    expect(out.code).toBe(2);
    expect(out.stderr.split("\n")[0]).toBe(
      `stackyard: ../elsewhere.yaml is outside the repository ${root}`,
    );
    expect(requests).toEqual([]);
  });

  it("exits 2 when the compiler reports a bug of its own", async () => {
    const { core } = standIn({
      validateRepo: result([diag("INTERNAL_ERROR", "renderer lost its place")]),
    });
    expect((await run(["validate"], core)).code).toBe(2);
  });
});

describe("internal errors", () => {
  it("print one line without a stack trace, exit 2", async () => {
    const { core } = standIn({ buildRepo: new TypeError("cannot read properties of undefined") });
    expect(await run(["build"], core)).toEqual({
      code: 2,
      stdout: "",
      stderr: "internal error: cannot read properties of undefined (please report)\n",
    });
  });

  it("are not called bugs when the machine failed: a path that cannot be written, a full disk", async () => {
    const denied = Object.assign(
      new Error("EACCES: permission denied, open '/repo/out.lock.1.0a1b2c3d.00ff'"),
      { code: "EACCES", syscall: "open" },
    );
    expect(await run(["build"], standIn({ buildRepo: denied }).core)).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "stackyard: EACCES: permission denied, open '/repo/out.lock.1.0a1b2c3d.00ff'\n" +
        "hint: check the permissions of that path: stackyard reads or writes there\n",
    });
    const full = Object.assign(new Error("ENOSPC: no space left on device, write"), {
      code: "ENOSPC",
    });
    const out = await run(["build"], standIn({ buildRepo: full }).core);
    expect(out.stderr).toBe(
      "stackyard: ENOSPC: no space left on device, write\n" +
        "hint: the disk is full: free some space and run the command again\n",
    );
  });

  it("show the stack with STACKYARD_DEBUG=1", async () => {
    const { core } = standIn({ buildRepo: new TypeError("boom") });
    const out = await run(["build"], core, { STACKYARD_DEBUG: "1" });
    expect(out.stderr.split("\n")[0]).toBe("internal error: boom (please report)");
    expect(out.stderr).toContain("TypeError: boom\n    at ");
  });
});
