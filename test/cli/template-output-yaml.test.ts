import { describe, expect, it } from "vitest";
import { requireBundle, runStackyard } from "./run-stackyard.js";
import { serviceOnStackRepos } from "./stack-template-repo.js";

requireBundle();

/** A repository of one service on a stack whose serviceConfig holds `templates`. */
const repoWith = serviceOnStackRepos("template-output-yaml");
let repo: string;

describe("rendered text that is not the YAML a template must render", () => {
  it("a second document in resourceTemplate is said as such, at the template's ---", async () => {
    repo = await repoWith(`    resourceTemplate: |
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: "{{ .Name }}-a"}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: "{{ .Name }}-b"}
`);
    const run = await runStackyard(["validate"], { cwd: repo });
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain("parseAllDocuments");
    expect(run.stderr).toContain(
      "resources/stack.yaml:13:7 error TEMPLATE_OUTPUT_INVALID resourceTemplate rendered more than one YAML document (a `---` at rendered line 4); it must render exactly one object\n" +
        "  13 |       ---\n" +
        "     |       ^^^\n" +
        "  = hint: render one object here, and further objects as a list in extraResourcesTemplate\n",
    );
  });

  it("says yaml's message without a dangling colon, with the rendered line", async () => {
    repo = await repoWith(`    configFileTemplate: |
      app.yaml: |
        name: {{ .Name }}
      x: [1
`);
    const run = await runStackyard(["validate"], { cwd: repo });
    expect(run.code).toBe(1);
    const line = run.stderr.split("\n").find((l) => l.includes("TEMPLATE_OUTPUT_INVALID"));
    expect(line).toBe(
      "resources/stack.yaml:9:25 error TEMPLATE_OUTPUT_INVALID configFileTemplate rendered text that is not YAML (rendered line 4, column 1): Flow sequence in block collection must be sufficiently indented and end with a ]",
    );
  });
});
