import { diag, type Diagnostic } from "../../src/diagnostics/diagnostic.js";

/** One source per awkward case: CRLF endings, tabs, non-ASCII text, a range over many lines. */
export const SOURCES = new Map<string, string>([
  [
    "resources/orders.yaml",
    [
      "name: orders",
      "version: v1",
      "type: workflow",
      "workflow:",
      "  dag:",
      "    - name: ingest",
      "      spec:",
      "        stack: flare:9.0",
      "        replcas: 2",
      "",
    ].join("\n"),
  ],
  [
    "resources/crlf.yaml",
    "name: crlf-svc\r\nversion: v1\r\ntype: service\r\nservice:\r\n  replicas: many\r\n",
  ],
  ["resources/tabs.yaml", 'name: tabs\ntags:\t["ok",\t"bad tag"]\n'],
  ["resources/unicode.yaml", 'name: unicode\ndescription: "データ 🚀 pipeline" # zoë\n'],
  ["stacks/flare.yaml", "name: flare\nversion: v1alpha\ntype: stack\n"],
]);

/** The range of the n-th (0-based) occurrence of `needle` in a fixture file. */
export function at(file: string, needle: string, length = needle.length, nth = 0) {
  const text = SOURCES.get(file)!;
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(needle, start + 1);
  if (start < 0) throw new Error(`${needle} not in ${file}`);
  return { file, range: { start, end: start + length } };
}

/** Diagnostics covering every layout case, deliberately out of order. */
export function fixtureDiagnostics(): Diagnostic[] {
  const orders = "resources/orders.yaml";
  const specStart = at(orders, "spec:").range.start;
  return [
    diag("UNKNOWN_FIELD", 'unknown key "replcas" in the job spec', at(orders, "replcas"), {
      hint: 'did you mean "replicas"?',
    }),
    diag("CONFIG_INVALID", "stackyard.yaml: outDir must not be the repository root"),
    diag(
      "WRONG_TYPE",
      'service.replicas must be an integer, not the string "many"',
      at("resources/crlf.yaml", "many"),
    ),
    diag("STACKSPEC_INVALID", "stackSpec does not match the schema of stack flare:9.0", {
      file: orders,
      range: { start: specStart, end: SOURCES.get(orders)!.length },
    }),
    diag("UNKNOWN_STACK_VERSION", "stack flare has no version 9.0", at(orders, "flare:9.0"), {
      hint: "available versions: 6.0, 7.0",
      related: [{ ...at("stacks/flare.yaml", "flare"), message: "stack flare is defined here" }],
    }),
    diag(
      "INVALID_VALUE",
      'tag "bad tag" must not contain spaces',
      at("resources/tabs.yaml", '"bad tag"'),
    ),
    diag(
      "DEPRECATED_SPELLING",
      "description mentions pipeline, 50%, then: more",
      at("resources/unicode.yaml", "pipeline"),
      {
        hint: "line one\nline two",
      },
    ),
    diag("NAME_TRUNCATED", "name shortened to 63 characters", {
      file: "stacks/unseen.yaml",
      range: { start: 3, end: 9 },
    }),
  ];
}
