import { describe, expect, it } from "vitest";
import { maskUnparsedSecrets } from "../../src/build/redact.js";
import { compileMemoryRepo } from "./memory-repo.js";

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
