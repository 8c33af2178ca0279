import { afterEach, describe, expect, it } from "vitest";
import { maskUnparsedSecrets } from "../../src/build/redact.js";
import { requireBundle, runStackyard } from "../cli/run-stackyard.js";
import { compileMemoryRepo } from "./memory-repo.js";
import { makeTempDir, removeDir, writeEntries } from "./temp-repo.js";

requireBundle();
const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map(removeDir));
});

const SECRET = (data: string) => `name: db
version: v1
type: secret
workspace: shop
secret:
  type: key-value
  acl: r
  data:
${data}`;

/** The text diagnostics quote for `file`, and the codes reported. */
async function quoted(text: string): Promise<{ shown: string; codes: string[] }> {
  const built = await compileMemoryRepo(new Map([["resources/db.yaml", text]]));
  return {
    shown: built.sources.get("resources/db.yaml")!,
    codes: built.diagnostics.map((d) => d.code),
  };
}

describe("secret values in the text diagnostics quote", () => {
  it.each([
    [
      "a duplicated key",
      "    password: first-VALUE\n    password: second-VALUE\n",
      "YAML_DUPLICATE_KEY",
    ],
    ["a tab for indentation", "\tpassword: tab-VALUE\n", "YAML_SYNTAX"],
    ["an unclosed quote", '    password: "quote-VALUE\n', "YAML_SYNTAX"],
    [
      "a list and a mapping as values",
      "    nested: [list-VALUE]\n    obj: {a: map-VALUE}\n",
      "WRONG_TYPE",
    ],
  ])("are masked, offsets kept: %s", async (_, data, code) => {
    const text = SECRET(data);
    const { shown, codes } = await quoted(text);
    expect(codes).toContain(code);
    expect(shown).not.toMatch(/VALUE/);
    expect(shown.length).toBe(text.length);
    expect(shown.split("\n").map((l) => l.length)).toEqual(text.split("\n").map((l) => l.length));
    // What finds the line stays readable.
    expect(shown).toContain("name: db\nversion: v1\ntype: secret\n");
  });

  it("leaves the documents of a broken file that are not secrets as they are", () => {
    const other = "name: web\nversion: v1\ntype: service\nservice: {servicePort: [8080\n";
    const secret = SECRET("    password: hunter2\n");
    const masked = maskUnparsedSecrets(`${other}---\n${secret}`);
    expect(masked.startsWith(`${other}---\n`)).toBe(true);
    expect(masked).toContain("    password: *******\n");
    expect(masked).toContain("  type: *********\n");
  });
});

describe("a cluster override that sets a secret's value", () => {
  it("is PLAINTEXT_SECRET at its line of stackyard.yaml, the value masked there", async () => {
    const repo = await makeTempDir("secret-override");
    temps.push(repo);
    const config = `roots: [resources]
clusters:
  - name: prod
    engine: argocd
    repoURL: https://git.example.internal/platform.git
    overrides:
      - match: {type: instance-secret, name: lake}
        set: {instance-secret.data.KEY: s3cr3t-VALUE}
`;
    await writeEntries(repo, {
      "stackyard.yaml": config,
      "resources/lake.yaml":
        "name: lake\nversion: v1\ntype: instance-secret\ninstance-secret:\n  type: key-value\n  acl: r\n  data:\n    KEY:\n",
    });
    const run = await runStackyard(["validate"], { cwd: repo });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "stackyard.yaml:8:41 error PLAINTEXT_SECRET the value of `instance-secret.data.KEY` is stored in the repository in plain text",
    );
    expect(run.stderr).toContain("        set: {instance-secret.data.KEY: ************}");
    expect(run.stderr).toContain("as overridden for cluster prod");
    expect(run.stderr).not.toContain("s3cr3t");
  }, 60_000);
});
