import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBundle, runStackyard } from "./run-stackyard.js";

requireBundle();

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "stackyard-template-eval-"));
  await writeFile(path.join(dir, "hello.tmpl"), "hello {{ .name }}, {{ len .tags }} tags\n");
  await writeFile(path.join(dir, "broken.tmpl"), "hello {{ .name \n");
  await writeFile(path.join(dir, "data.yaml"), "name: yaml\ntags: [a, b]\n");
  await writeFile(path.join(dir, "data.json"), '{"name": "json", "tags": ["a"]}');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("stackyard template eval", () => {
  it("renders with inline JSON data", async () => {
    const run = await runStackyard(
      ["template", "eval", "hello.tmpl", "--data", '{"name":"x","tags":[1,2,3]}'],
      { cwd: dir },
    );
    expect(run).toEqual({ code: 0, stdout: "hello x, 3 tags\n", stderr: "" });
  });

  it("reads a data file as YAML, or as JSON when it ends in .json", async () => {
    expect(
      await runStackyard(["template", "eval", "hello.tmpl", "--data-file", "data.yaml"], {
        cwd: dir,
      }),
    ).toEqual({
      code: 0,
      stdout: "hello yaml, 2 tags\n",
      stderr: "",
    });
    expect(
      await runStackyard(["-C", dir, "template", "eval", "--data-file=data.json", "hello.tmpl"]),
    ).toEqual({
      code: 0,
      stdout: "hello json, 1 tags\n",
      stderr: "",
    });
  });

  it("refuses data that is an alias bomb, at once, and names the data file for bad data", async () => {
    const bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i <= 8; i++)
      bomb.push(
        `a${i}: &a${i} [${Array(9)
          .fill(`*a${i - 1}`)
          .join(", ")}]`,
      );
    await writeFile(path.join(dir, "lol.yaml"), `${bomb.join("\n")}\n`);
    await writeFile(path.join(dir, "bad.yaml"), "name: [unclosed\n");
    // Go's yaml.v2 gives up the same way; without a bound, this took minutes and gigabytes.
    expect(
      await runStackyard(["template", "eval", "hello.tmpl", "--data-file", "lol.yaml"], {
        cwd: dir,
      }),
    ).toEqual({
      code: 1,
      stdout: "",
      stderr: "lol.yaml: invalid yaml data: yaml: document contains excessive aliasing\n",
    });
    const bad = await runStackyard(["template", "eval", "hello.tmpl", "--data-file", "bad.yaml"], {
      cwd: dir,
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^bad\.yaml: invalid yaml data: /);
    const inline = await runStackyard(["template", "eval", "hello.tmpl", "--data", "{"], {
      cwd: dir,
    });
    expect(inline.stderr).toMatch(/^--data: invalid json data: /);
  });

  it("exits 1 with the engine's message when the template is broken", async () => {
    const run = await runStackyard(["template", "eval", "broken.tmpl"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("broken.tmpl");
    expect(run.stderr).not.toContain("internal error");
  });

  it("refuses both kinds of data at once, and a template that does not exist", async () => {
    const both = await runStackyard(
      ["template", "eval", "hello.tmpl", "--data", "{}", "--data-file", "data.json"],
      { cwd: dir },
    );
    expect(both.code).toBe(2);
    expect(both.stderr.split("\n")[0]).toBe(
      "stackyard: --data and --data-file cannot be used together",
    );
    const missing = await runStackyard(["template", "eval", "nope.tmpl"], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr.split("\n")[0]).toBe("stackyard: template nope.tmpl does not exist");
  });
});
