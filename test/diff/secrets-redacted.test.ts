import { afterAll, expect, test } from "vitest";
import { diffRevisions, renderMarkdown, renderText } from "../../src/diff/index.js";
import { copyRepo, edit, type TestRepo } from "./git-repo.js";

let repo: TestRepo | undefined;
afterAll(async () => repo?.dispose());

test("no secret value reaches either rendering, only its length and whether it changed", async () => {
  repo = await copyRepo("test/fixtures/cases/secrets-sops-mode/repo");
  await repo.commit("base", "base");
  const before = "ENC[AES256_GCM,data:Tr7oq1vqkA==";
  const after = "ENC[AES256_GCM,data:bmV3LXZhbHVl";
  await edit(repo, "api-creds.enc.yaml", before, after);
  await edit(
    repo,
    "api-creds.enc.yaml",
    "    API_KEY:",
    "    NEW_KEY: ENC[AES256_GCM,data:c2Vjb25k,iv:aQ==,tag:dA==,type:str]\n    API_KEY:",
  );
  const outcome = await diffRevisions({ root: repo.dir, base: "base" });
  if (!outcome.ok) throw new Error(outcome.message);
  for (const text of [
    renderText(outcome.report, { color: false }),
    renderMarkdown(outcome.report),
  ]) {
    expect(text).not.toContain("Tr7oq1vqkA");
    expect(text).not.toContain("bmV3LXZhbHVl");
    expect(text).not.toContain("c2Vjb25k");
    expect(text).toMatch(
      /-  API_KEY: \(redacted, \d+ bytes\)\n.*\+  API_KEY: \(redacted, \d+ bytes, changed\)/,
    );
    expect(text).toMatch(/\+  NEW_KEY: \(redacted, \d+ bytes\)/);
  }
});
