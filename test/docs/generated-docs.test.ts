import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "../../src/diagnostics/codes.js";
import { GENERATED_DOCS } from "../../src/scaffold/docs/index.js";
import { RUNNABLE_AT } from "../../src/scaffold/editor-aliases.js";
import { documentedSchema } from "../../src/scaffold/editor-schemas.js";
import { META_DOCS, RUNNABLE_DOCS, SECTION_DOCS } from "../../src/scaffold/field-docs.js";
import { schemaAt } from "../../src/scaffold/schema-walk.js";
import { RESOURCE_TYPES } from "../../src/validate/schemas/envelopes.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("generated docs", () => {
  // Like `stackyard check` for out/: the committed page must be what the source generates.
  it.each(Object.keys(GENERATED_DOCS))(
    "%s is fresh (refresh: node scripts/gen-docs.mjs)",
    async (rel) => {
      const committed = await readFile(path.join(ROOT, rel), "utf8").catch(() => "(missing)");
      expect(committed, `${rel} is stale: run node scripts/gen-docs.mjs`).toBe(
        GENERATED_DOCS[rel]!(),
      );
    },
  );

  it("troubleshooting has a section with a fix for every diagnostic code", () => {
    const page = GENERATED_DOCS["docs/troubleshooting.md"]!();
    for (const code of Object.keys(DIAGNOSTIC_CODES)) {
      expect(page).toMatch(
        new RegExp(`## ${code}\\n\\n\\*(error|warning|info)\\* — .+\\n\\n\\*\\*Fix:\\*\\* \\S`),
      );
    }
  });

  it("documents only fields that exist, so a renamed field cannot keep a stale description", () => {
    const missing: string[] = [];
    for (const type of RESOURCE_TYPES) {
      const schema = documentedSchema(type);
      for (const key of Object.keys(META_DOCS))
        if (!schemaAt(schema, [key])) missing.push(`${type}: ${key}`);
      for (const p of Object.keys(SECTION_DOCS[type] ?? {})) {
        if (!schemaAt(schema, [type, ...p.split(".")])) missing.push(`${type}.${p}`);
      }
      const at = RUNNABLE_AT[type];
      if (at)
        for (const key of Object.keys(RUNNABLE_DOCS))
          if (!schemaAt(schema, [...at, key])) missing.push(`${at.join(".")}.${key}`);
    }
    expect(missing).toEqual([]);
  });
});
