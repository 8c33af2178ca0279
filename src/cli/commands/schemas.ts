import type { Command } from "../command.js";

/**
 * Where `schemas`, `init` and `new` write the editor schemas: scaffold/editor-schemas.ts's
 * DEFAULT_SCHEMA_DIR, repeated here so that help does not load the schema generator (a test
 * keeps the two equal).
 */
export const SCHEMA_DIR_SHOWN_IN_HELP = ".stackyard/schemas";

/** `stackyard schemas`: JSON Schemas for editors, and the VS Code settings that use them. */
export const schemasCommand: Command = {
  name: "schemas",
  summary: "write JSON Schemas so editors autocomplete and check manifests",
  usage: "stackyard schemas [--out DIR]",
  description:
    `Writes a schema per resource type, one per stack and orchestrator (its stackSpec schema\n` +
    `spliced in) and resource.json, which picks by \`type:\`, into ${SCHEMA_DIR_SHOWN_IN_HELP}/, and\n` +
    "associates them in .vscode/settings.json for the YAML extension (redhat.vscode-yaml),\n" +
    "in place of those an earlier run wrote for another folder (your own entries are kept).\n" +
    "Run it again after adding or changing a stack. A file can also name its schema itself:\n" +
    "  # yaml-language-server: $schema=../.stackyard/schemas/service.json",
  options: {
    out: {
      type: "string",
      value: "DIR",
      description: `folder for the schemas, relative to the repository (default ${SCHEMA_DIR_SHOWN_IN_HELP})`,
    },
  },
  args: { min: 0, max: 0 },
  // The schema generator and the stack catalog load only when the command runs: see commands/index.ts.
  run: async (ctx) => (await import("../actions/schemas.js")).runSchemas(ctx),
};
