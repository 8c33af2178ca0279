import type { Command } from "../command.js";

/** `stackyard explain STACK[:VERSION]`: a stack's stackSpec schema as readable documentation. */
export const explainCommand: Command = {
  name: "explain",
  printsOutput: true,
  summary: "document a stack's stackSpec, or tell where an emitted object or field came from",
  usage: "stackyard explain [options] STACK[+FLAVOR][:VERSION] | OBJECT [FIELD]",
  description:
    "Prints what a stack runs and every stackSpec field it accepts — type, whether it is\n" +
    "required, allowed values, description, nested fields — followed by an example. Without a\n" +
    "version the highest one is explained, as a resource naming the stack would get.\n" +
    "OBJECT (KIND/NAME, NAMESPACE/KIND/NAME or a file in the out dir) explains an emitted object:\n" +
    "its resource file and line, its stack and templates; FIELD (spec.replicas,\n" +
    "spec.template.spec.containers[0].image) adds the resource line, template line, stack field\n" +
    "or default that produced the field; a key with dots is written as is or quoted, as in\n" +
    'metadata.labels["app.kubernetes.io/name"].',
  options: { json: { type: "boolean", description: "with OBJECT: print the explanation as JSON" } },
  args: { min: 1, max: 2 },
  // The schema walker and YAML printer load only when the command runs: see commands/index.ts.
  run: async (ctx) => (await import("../actions/explain.js")).runExplain(ctx),
};
