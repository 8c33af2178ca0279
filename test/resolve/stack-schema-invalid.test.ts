import { describe, expect, it } from "vitest";
import { compileMemoryRepo } from "../robustness/memory-repo.js";

/** A repository stack whose stackSpec schema is `schema` (JSON text), and a worker using it. */
function repo(schema: string): Map<string, string> {
  return new Map([
    [
      "stacks/tool.yaml",
      `name: tool
version: v1alpha
type: stack
layer: user
stack:
  name: tool
  version: "1.0"
  image: {registry: ghcr.io, repository: acme, image: tool, tag: "1.0.0"}
  command: [tool]
  stackSpecValueSchema:
    jsonSchema: ${JSON.stringify(schema)}
  workerConfig:
    configFileTemplate: |
      script: {{ .ApplicationSpec.stackSpec.script }}
`,
    ],
    [
      "resources/feed.yaml",
      `name: feed
version: v1beta
type: worker
workspace: shop
worker:
  stack: tool
  compute: runnable-default
  resources: {requests: {cpu: 100m, memory: 64Mi}}
  stackSpec: {script: 5, extra: 1}
`,
    ],
  ]);
}

describe("a repository stack whose stackSpec schema does not compile", () => {
  it.each([
    ["not JSON", "not json at all", "the stackSpec schema is not valid JSON"],
    ["a trailing comma", '{"type":"object",}', "the stackSpec schema is not valid JSON"],
    ["an unknown type", '{"properties":{"script":{"type":"strin"}}}', "does not compile"],
    [
      "a broken pattern",
      '{"properties":{"script":{"type":"string","pattern":"("}}}',
      "does not compile",
    ],
  ])(
    "is STACK_SCHEMA_INVALID at the stack, not a schema that checks nothing (%s)",
    async (_, schema, says) => {
      const built = await compileMemoryRepo(repo(schema));
      const invalid = built.diagnostics.filter((d) => d.code === "STACK_SCHEMA_INVALID");
      expect(invalid).toHaveLength(1);
      expect(invalid[0]!.file).toBe("stacks/tool.yaml");
      expect(invalid[0]!.message).toContain(says);
      expect(built.files).toEqual([]);
    },
  );

  it("and a schema that compiles still checks the stackSpec", async () => {
    const built = await compileMemoryRepo(
      repo(
        '{"type":"object","properties":{"script":{"type":"string"}},"additionalProperties":false}',
      ),
    );
    expect(built.diagnostics.map((d) => d.code)).toEqual([
      "STACKSPEC_INVALID",
      "STACKSPEC_INVALID",
    ]);
  });
});
