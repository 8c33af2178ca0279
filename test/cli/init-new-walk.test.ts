import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listFiles } from "../fixtures/harness.js";
import { requireBundle, runStackyard } from "./run-stackyard.js";

requireBundle();

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "stackyard-walk-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("from zero: init → new → build → check", () => {
  it("gives a repository that builds at once, and scaffolds that keep it building", async () => {
    const init = await runStackyard(["init", "platform"], { cwd: dir });
    expect(init.code).toBe(0);
    expect(init.stderr).toContain("cd platform");
    const repo = path.join(dir, "platform");
    const files = await listFiles(repo);
    for (const f of [
      "stackyard.yaml",
      "resources/hello.yaml",
      ".github/workflows/stackyard.yml",
      ".vscode/settings.json",
    ]) {
      expect(files).toContain(f);
    }
    expect(files).toContain(".stackyard/schemas/resource.json");
    const hello = await readFile(path.join(repo, "resources/hello.yaml"), "utf8");
    expect(hello.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=../.stackyard/schemas/stacks/container@1.0.service.json",
    );

    expect((await runStackyard(["build"], { cwd: repo })).code).toBe(0);

    const service = await runStackyard(["new", "service", "orders-api"], { cwd: repo });
    expect(service).toMatchObject({ code: 0, stdout: "resources/orders-api.yaml\n" });
    const stack = await runStackyard(["new", "stack", "pyrun"], { cwd: repo });
    expect(stack).toMatchObject({ code: 0, stdout: "stacks/pyrun-1.0.yaml\n" });
    // A stack's name must be its own: a built-in's, or pyrun again, would break every build.
    for (const [name, owner] of [
      ["container", "built in"],
      ["pyrun", "stacks/pyrun-1.0.yaml"],
    ]) {
      const again = await runStackyard(["new", "stack", name!], { cwd: repo });
      expect(again.code).toBe(2);
      expect(again.stderr.split("\n").slice(0, 2)).toEqual([
        `stackyard: a stack named "${name}" exists already (${owner})`,
        `hint: give yours a name of its own, such as ${name}-custom`,
      ]);
    }
    const worker = await runStackyard(
      ["new", "worker", "feeder", "--stack", "pyrun", "--workspace", "retail"],
      { cwd: repo },
    );
    expect(worker).toMatchObject({ code: 0, stdout: "resources/feeder.yaml\n" });
    const workflow = await runStackyard(["new", "workflow", "nightly"], { cwd: repo });
    expect(workflow.code).toBe(0);

    // The stackSpec skeleton: required fields with placeholders, optional ones commented out.
    const feeder = await readFile(path.join(repo, "resources/feeder.yaml"), "utf8");
    expect(feeder).toContain("  stack: pyrun:1.0\n");
    expect(feeder).toContain("workspace: retail\n");
    expect(feeder).toMatch(/ {4}script: "<script>"\n/);
    expect(feeder).toMatch(/ {4}# arguments: \["<argument>"\]\n/);

    // A placeholder image is no image at all: the build says so until the user fills it in, and
    // no policy waiver silences that.
    const unfilled = await runStackyard(["build"], { cwd: repo });
    expect(unfilled.code).toBe(1);
    expect(unfilled.stderr).toContain(
      'resources/orders-api.yaml:24:12 error INVALID_VALUE image "<image>" of container orders-api-main (Deployment orders-api-d) is not an image reference',
    );
    expect(unfilled.stderr).not.toContain("images-pinned");
    for (const file of ["resources/orders-api.yaml", "resources/nightly.yaml"]) {
      const text = await readFile(path.join(repo, file), "utf8");
      await writeFile(
        path.join(repo, file),
        text.replaceAll('"<image>"', "ghcr.io/acme/app:1.0.0"),
      );
    }

    const build = await runStackyard(["build"], { cwd: repo });
    expect(build.stderr).toMatch(
      /built 4 resources → \d+ objects in out\/ \(\d+ written, \d+ unchanged, 0 pruned\), [\d.]+s/,
    );
    expect(build.code).toBe(0);
    const out = await listFiles(path.join(repo, "out"));
    expect(out).toContain("default/retail/worker-feeder/deployment-feeder-d.yaml");
    expect(out.some((f) => f.startsWith("default/public/workflow-nightly/"))).toBe(true);
    expect((await runStackyard(["check"], { cwd: repo })).code).toBe(0);
  });

  it("refuses to overwrite: an existing repository, an existing file", async () => {
    expect((await runStackyard(["init"], { cwd: dir })).code).toBe(0);
    const again = await runStackyard(["init"], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already has a stackyard.yaml");
    await writeFile(path.join(dir, "resources/web.yaml"), "mine\n");
    const clash = await runStackyard(["new", "service", "web"], { cwd: dir });
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain("resources/web.yaml already exists");
    expect(await readFile(path.join(dir, "resources/web.yaml"), "utf8")).toBe("mine\n");
  });

  it("explains a wrong kind, name or stack with what would be valid", async () => {
    expect((await runStackyard(["init"], { cwd: dir })).code).toBe(0);
    const kind = await runStackyard(["new", "sevice", "web"], { cwd: dir });
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('hint: did you mean "service"?');
    const name = await runStackyard(["new", "service", "Web_1"], { cwd: dir });
    expect(name.code).toBe(2);
    expect(name.stderr).toContain("lowercase letters, digits and '-'");
    const stack = await runStackyard(["new", "worker", "feed", "--stack", "contaner"], {
      cwd: dir,
    });
    expect(stack.code).toBe(2);
    expect(stack.stderr).toContain("did you mean `container`?");
  });
});
