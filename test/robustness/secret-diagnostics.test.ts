import { afterEach, describe, expect, it } from "vitest";
import { maskBrokenConfigSecrets } from "../../src/config/redact-config.js";
import { requireBundle, runStackyard } from "../cli/run-stackyard.js";
import { git } from "../publish/git-fixture.js";
import { makeTempDir, removeDir, writeEntries } from "./temp-repo.js";

// Every mistake inside a secret, as the real CLI prints it in each format: no secret value
// may reach stdout or stderr, whatever the diagnostic (its excerpt, message, hint or notes).
requireBundle();
const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map(removeDir));
});

const FORMATS = ["text", "json", "github", "sarif"] as const;
/** Every secret value below contains this, and nothing else printed does. */
const MARK = "S3cr3tVal";

const CONFIG = "roots: [resources]\n";
const LAKE = `name: lake
version: v1
type: instance-secret
instance-secret:
  type: key-value
  acl: r
  data:
    AWS_SECRET_ACCESS_KEY:
`;

/** A config whose one cluster applies `overrides` (YAML lines, indented for `overrides:`). */
const withOverrides = (overrides: string) => `roots: [resources]
clusters:
  - name: prod
    engine: argocd
    repoURL: https://git.example.internal/platform.git
    overrides:
${overrides}`;

/** Writes the repository, runs `build` in every format; returns what it printed. */
async function printed(files: Record<string, string>, code: string): Promise<string> {
  const repo = await makeTempDir("secret-diagnostics");
  temps.push(repo);
  await writeEntries(repo, files);
  let all = "";
  for (const format of FORMATS) {
    const run = await runStackyard(["build", "--format", format], { cwd: repo });
    expect(run.code, `build --format ${format}: ${run.stderr}`).toBe(1);
    all += run.stdout + run.stderr;
  }
  expect(all).toContain(code);
  return all;
}

describe("no secret value is printed in the diagnostics of a secret manifest", () => {
  it.each([
    [
      "a misspelled data key (flow)",
      `name: db\nversion: v1\ntype: instance-secret\ninstance-secret:\n  type: key-value\n  acl: r\n  dta: {password: "Sup3r${MARK}P@ss"}\n`,
      "UNKNOWN_FIELD",
    ],
    [
      "a misspelled data key (block)",
      `name: db\nversion: v1\ntype: secret\nworkspace: shop\nsecret:\n  type: key-value\n  acl: r\n  dta:\n    password: ${MARK}1\n    token: "${MARK}2"\n`,
      "UNKNOWN_FIELD",
    ],
    [
      "keys at the wrong level",
      `name: db\nversion: v1\ntype: secret\nworkspace: shop\nsecret:\n  type: key-value\n  acl: r\n  data:\n  password: ${MARK}1\ntoken: ${MARK}2\n`,
      "UNKNOWN_FIELD",
    ],
    [
      "a value of the wrong type (the message quoted it)",
      `name: db\nversion: v1\ntype: secret\nworkspace: shop\nsecret:\n  type: key-value\n  acl: r\n  externalRef: ${MARK}1\n  files: {a: [${MARK}2]}\n  data:\n    nested: {x: ${MARK}3}\n`,
      "WRONG_TYPE",
    ],
    [
      "a section that is a string",
      `name: db\nversion: v1\ntype: instance-secret\ninstance-secret: ${MARK}\n`,
      "WRONG_TYPE",
    ],
    [
      "a YAML syntax error on the value's line",
      `name: db\nversion: v1\ntype: secret\nworkspace: shop\nsecret:\n  type: key-value\n  acl: r\n  data:\n    password: "${MARK}\n`,
      "YAML_SYNTAX",
    ],
    [
      "a YAML error in a secret whose type is misspelled",
      `name: db\nversion: v1\ntype: Instance-Secret\ninstance-secret:\n  data:\n    password: ${MARK}1\n    password: ${MARK}2\n`,
      "YAML_DUPLICATE_KEY",
    ],
    [
      "a duplicate key",
      `name: db\nversion: v1\ntype: secret\nworkspace: shop\nsecret:\n  type: key-value\n  acl: r\n  data:\n    password: ${MARK}1\n    password: ${MARK}2\n`,
      "YAML_DUPLICATE_KEY",
    ],
  ])(
    "%s",
    async (_, manifest, code) => {
      const out = await printed({ "stackyard.yaml": CONFIG, "resources/db.yaml": manifest }, code);
      expect(out).not.toContain(MARK);
    },
    120_000,
  );

  it("keeps the keys and the envelope readable, and says what is wrong without the value", async () => {
    const repo = await makeTempDir("secret-diagnostics");
    temps.push(repo);
    await writeEntries(repo, {
      "stackyard.yaml": CONFIG,
      "resources/db.yaml": `name: db\nversion: v1\ntype: instance-secret\ninstance-secret:\n  type: key-value\n  acl: r\n  dta: {password: "${MARK}"}\n  externalRef: ${MARK}\n`,
    });
    const run = await runStackyard(["validate"], { cwd: repo });
    expect(run.stderr).toContain(
      "resources/db.yaml:7:3 error UNKNOWN_FIELD unknown field `dta` in instance-secret\n" +
        "  7 |   dta: ***********************\n" +
        "    |   ^^^\n" +
        "  = hint: did you mean `data`?",
    );
    expect(run.stderr).toContain(
      "error WRONG_TYPE `instance-secret.externalRef` must be a mapping, not a string\n" +
        "  8 |   externalRef: *********\n",
    );
  }, 60_000);
});

describe("no secret value is printed from a cluster override that writes into a secret", () => {
  it.each([
    [
      "a misspelled data path",
      withOverrides(
        `      - match: {type: instance-secret, name: lake}\n        set:\n          instance-secret.dta.AWS_SECRET_ACCESS_KEY: "wJalr${MARK}"\n`,
      ),
      "UNKNOWN_FIELD",
    ],
    [
      "a field of an override matching a secret",
      withOverrides(
        `      - match: {type: instance-secret, name: lake}\n        set: {data.AWS_SECRET_ACCESS_KEY: ${MARK}}\n`,
      ),
      "UNKNOWN_FIELD",
    ],
    [
      "a value of the wrong type",
      withOverrides(
        `      - match: {type: instance-secret, name: lake}\n        set: {instance-secret.externalRef: ${MARK}}\n`,
      ),
      "WRONG_TYPE",
    ],
    [
      "a duplicate key in stackyard.yaml",
      withOverrides(
        `      - match: {type: instance-secret, name: lake}\n        set:\n          instance-secret.data.AWS_SECRET_ACCESS_KEY: ${MARK}1\n          instance-secret.data.AWS_SECRET_ACCESS_KEY: ${MARK}2\n`,
      ),
      "YAML_DUPLICATE_KEY",
    ],
    [
      "a YAML syntax error on the value's line of stackyard.yaml",
      withOverrides(
        `      - match: {type: instance-secret, name: lake}\n        set:\n          instance-secret.data:\n            AWS_SECRET_ACCESS_KEY: "${MARK}\n`,
      ),
      "YAML_SYNTAX",
    ],
  ])(
    "%s",
    async (_, config, code) => {
      const out = await printed({ "stackyard.yaml": config, "resources/lake.yaml": LAKE }, code);
      expect(out).not.toContain(MARK);
    },
    120_000,
  );
});

describe("no secret value is printed by diff (the PR comment's text)", () => {
  it("lists an introduced diagnostic without the value it is about", async () => {
    const repo = await makeTempDir("secret-diagnostics");
    temps.push(repo);
    const db = (extra: string) =>
      `name: db\nversion: v1\ntype: secret\nworkspace: shop\nsecret:\n  type: key-value\n  acl: r\n  data:\n    password:\n${extra}`;
    await writeEntries(repo, { "stackyard.yaml": CONFIG, "resources/db.yaml": db("") });
    await git(repo, "init", "--quiet", "--initial-branch=main");
    await git(repo, "add", "-A");
    await git(repo, "commit", "--quiet", "-m", "base");
    await writeEntries(repo, { "resources/db.yaml": db(`  externalRef: ${MARK}\n`) });
    await git(repo, "commit", "--quiet", "-am", "head");
    for (const output of ["text", "markdown"]) {
      const run = await runStackyard(["diff", "--base", "HEAD~1", "--output", output], {
        cwd: repo,
      });
      expect(run.stdout + run.stderr).toContain("`secret.externalRef` must be a mapping");
      expect(run.stdout + run.stderr).not.toContain(MARK);
    }
  }, 120_000);
});

describe("maskBrokenConfigSecrets", () => {
  it("masks what follows a key that writes into a secret, and the lines under it", () => {
    const text = [
      "secrets: {mode: sops}",
      "clusters:",
      "  - overrides:",
      "      - set: {instance-secret.data.K: one, other: x}",
      '      - set: {"secret.data.K": two}',
      "        set:",
      "          instance-secret.data:",
      "            K: three",
      "",
      "            L: [four]",
      "          service.replicas: 3",
      "    flux: {secretRef: deploy-key}",
      "",
    ].join("\n");
    const masked = maskBrokenConfigSecrets(text);
    expect(masked.length).toBe(text.length);
    expect(masked.split("\n")).toEqual([
      "secrets: {mode: sops}",
      "clusters:",
      "  - overrides:",
      "      - set: {instance-secret.data.K: **************",
      '      - set: {"secret.data.K": ****',
      "        set:",
      "          instance-secret.data:",
      "            ********",
      "",
      "            *********",
      "          service.replicas: 3",
      "    flux: {secretRef: deploy-key}",
      "",
    ]);
  });
});
