import { readFile } from "node:fs/promises";
import path from "node:path";
import { validateAction, validateWorkflow } from "@action-validator/core";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "./helpers.js";

const read = (rel: string) => readFile(path.join(REPO_ROOT, rel), "utf8");

describe("GitHub workflows and the action", () => {
  it.each(["ci.yml", "render.yml"])("%s is a valid workflow", async (name) => {
    expect(validateWorkflow(await read(`.github/workflows/${name}`)).errors).toEqual([]);
  });

  it("action.yml is a valid composite action", async () => {
    expect(validateAction(await read("action.yml")).errors).toEqual([]);
  });

  it("ci.yml installs, tests and checks out/ on pull requests", async () => {
    const steps = parse(await read(".github/workflows/ci.yml")).jobs.test.steps as Array<
      Record<string, string>
    >;
    const runs = steps.map((s) => s.run).filter(Boolean);
    expect(runs).toEqual(
      expect.arrayContaining(["npm ci", "npm test", "node bin/stackyard.js check --format github"]),
    );
  });

  it("render.yml commits out/ only, as the bot, with loop protection", async () => {
    const workflow = parse(await read(".github/workflows/render.yml"));
    expect(workflow.on).toEqual({ push: { branches: ["main"] } });
    expect(workflow.permissions).toEqual({ contents: "write" });
    expect(workflow.jobs.render.if).toBe(
      "github.event.head_commit.author.name != 'stackyard[bot]'",
    );
    expect(workflow.env.BOT_NAME).toBe("stackyard[bot]");
    const script = (workflow.jobs.render.steps as Array<{ run?: string }>)
      .map((s) => s.run ?? "")
      .join("\n");
    expect(script).toContain("git add --all -- out");
    expect(script).toContain("[skip ci]");
    expect(script).not.toMatch(/push[^\n]*(--force|-f\b)/);
  });

  it("action.yml runs only build, check, diff or preview, with inputs passed as data", async () => {
    const action = parse(await read("action.yml"));
    const run = action.runs.steps.find((s: { id?: string }) => s.id === "run");
    expect(run.run).toContain("build|check|diff|preview) ;;");
    expect(run.run).not.toContain("${{");
  });
});
