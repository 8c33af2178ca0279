import { VERSIONS } from "../validate/schemas/envelopes.js";

/**
 * A working stack to start from: it runs a Python program that its users write in stackSpec.
 * It shows the three parts every stack has — an image, the stackSpec JSON Schema, and the
 * templates per orchestrator — and builds as soon as it is written.
 */
export function newStackText(name: string, modeline?: string): string {
  const lines = [
    ...(modeline === undefined ? [] : [modeline]),
    `# The ${name} stack. A stack is data: an image, the JSON Schema of the stackSpec its users`,
    "# write, and Go templates (text/template + Sprig) that turn that stackSpec into config files",
    "# and container settings. This one runs a Python program given in stackSpec.script.",
    "# Guide: docs/writing-stacks.md. Use it: stackyard new worker NAME --stack " + `${name}:1.0`,
    `name: ${name}-v1`,
    `version: ${VERSIONS.stack![0]}`,
    "type: stack",
    `description: ${JSON.stringify(`Runs a Python program (the ${name} stack)`)}`,
    "stack:",
    `  name: ${name}`,
    '  version: "1.0"',
    "  summary: Runs the Python program written in stackSpec.script, with optional arguments.",
    "  image:",
    "    registry: docker.io",
    "    repository: library",
    "    image: python",
    "    tag: 3.12.7-slim-bookworm",
    "  command: [python3, /etc/dataos/config/main.py]",
    "  stackSpecValueSchema:",
    "    # Every resource's stackSpec is checked against this schema (draft-07 or draft-04).",
    "    jsonSchema: |",
    ...SCHEMA.map((l) => `      ${l}`),
    "  # One block per orchestrator that may run the stack; leave one out to refuse it.",
    "  workflowJobConfig:",
    "    # Rendered into files under /etc/dataos/config (.DataOsConfigMountPath).",
    "    configFileTemplate: &files |",
    "      main.py: |",
    "      {{ .ApplicationSpec.StackSpec.script | indent 2 }}",
    "    # Merged into the main container stackyard generates (empty output adds nothing).",
    "    containerResourceTemplate: &container |",
    "      {{- with .ApplicationSpec.StackSpec.arguments }}",
    "      container:",
    "        args: {{ toJson . }}",
    "      {{- end }}",
    "  workerConfig:",
    "    configFileTemplate: *files",
    "    containerResourceTemplate: *container",
    "  serviceConfig:",
    "    configFileTemplate: *files",
    "    containerResourceTemplate: *container",
  ];
  return `${lines.join("\n")}\n`;
}

const SCHEMA = [
  "{",
  '  "$schema": "http://json-schema.org/draft-07/schema#",',
  '  "type": "object",',
  '  "properties": {',
  '    "script": {',
  '      "type": "string",',
  '      "minLength": 1,',
  '      "description": "The Python program to run."',
  "    },",
  '    "arguments": {',
  '      "type": "array",',
  '      "items": { "type": "string" },',
  '      "description": "Arguments passed to the program."',
  "    }",
  "  },",
  '  "required": ["script"],',
  '  "additionalProperties": false',
  "}",
];
