import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_SCHEMA } from "../../src/config/schema.js";
import { DEFAULT_CONFIG } from "../../src/config/types.js";

const DOC = readFileSync(path.join(import.meta.dirname, "../../docs/configuration.md"), "utf8");

/** Every key path of the schema, down to leaves and to free-form mappings such as env. */
function keyPaths(schema: unknown, prefix = ""): string[] {
  const properties = (schema as { properties?: Record<string, unknown> }).properties;
  if (properties === undefined) return prefix === "" ? [] : [prefix];
  return Object.entries(properties).flatMap(([key, sub]) => {
    const here = prefix === "" ? key : `${prefix}.${key}`;
    const nested = (sub as { properties?: unknown }).properties !== undefined;
    return nested ? keyPaths(sub, here) : [here];
  });
}

describe("docs/configuration.md", () => {
  const rows = new Map(
    DOC.split("\n")
      .filter((line) => line.startsWith("| `"))
      .map((line) => [/^\| `([^`]+)`/.exec(line)![1]!, line]),
  );

  it("has one table row per config key, and no row for a key that does not exist", () => {
    expect([...rows.keys()].sort()).toEqual(keyPaths(CONFIG_SCHEMA).sort());
  });

  it("states each scalar default as the code has it", () => {
    for (const [key, row] of rows) {
      let value: unknown = DEFAULT_CONFIG;
      for (const step of key.split("."))
        value = (value as Record<string, unknown> | undefined)?.[step];
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        const defaultCell = row.split(" | ")[2]!;
        expect(defaultCell, key).toContain(`\`${String(value)}\``);
      }
    }
  });
});
