import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { stackSpecSkeleton } from "../../src/scaffold/stack-spec-skeleton.js";

const SCHEMA = {
  $schema: "http://json-schema.org/draft-04/schema#",
  type: "object",
  definitions: { level: { enum: ["low", "high"] } },
  properties: {
    batch: { type: "integer", minimum: 10, description: "Rows per batch." },
    image: { type: "string", description: "The image." },
    level: { $ref: "#/definitions/level" },
    inputs: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        properties: { name: { type: "string", pattern: "^[a-z]+$" }, format: { enum: ["csv"] } },
        required: ["name"],
      },
    },
    options: { type: "object", properties: { dryRun: { type: "boolean" } }, required: ["dryRun"] },
    ratio: { type: "number", minimum: 0, exclusiveMinimum: true },
  },
  required: ["image", "level", "inputs", "batch"],
};

describe("stackSpec skeleton", () => {
  it("fills required fields with typed placeholders and comments out the optional ones", () => {
    expect(stackSpecSkeleton(SCHEMA)).toEqual([
      "# Rows per batch.",
      "batch: 10",
      "# The image.",
      'image: "<image>"',
      'level: "low"',
      "inputs:",
      '  - name: "name"', // `<name>` breaks the pattern; the bare key fits it
      "# options:",
      "#   dryRun: false",
      "# ratio: 1",
    ]);
  });

  it("is YAML whose uncommented part has the required keys", () => {
    const value = parse(stackSpecSkeleton(SCHEMA).join("\n")) as Record<string, unknown>;
    expect(Object.keys(value).sort()).toEqual(["batch", "image", "inputs", "level"]);
  });

  it("gives nothing for a schema without fields, and stops on recursive references", () => {
    expect(stackSpecSkeleton({ type: "object" })).toEqual([]);
    const recursive = { type: "object", properties: { node: { $ref: "#" } }, required: ["node"] };
    const lines = stackSpecSkeleton(recursive);
    expect(lines.length).toBeLessThan(20);
    expect(lines.at(-1)).toMatch(/node: \{\}$/);
  });
});
