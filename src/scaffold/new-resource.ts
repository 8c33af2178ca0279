import { VERSIONS } from "../validate/schemas/envelopes.js";
import type { CatalogStack, Orchestrator } from "./stack-catalog.js";
import { stackSpecSkeleton } from "./stack-spec-skeleton.js";

/** The compute every repository has: no node selector, no tolerations. */
export const DEFAULT_COMPUTE = "runnable-default";

/** What `stackyard new workflow|worker|service` needs to write a resource. */
export interface NewResource {
  type: Orchestrator;
  name: string;
  workspace: string;
  stack: CatalogStack;
  /** The `# yaml-language-server` line, when there is a schema to point at. */
  modeline?: string;
}

/** A resource manifest with the required fields filled and the stack's stackSpec skeleton. */
export function newResourceText(req: NewResource): string {
  const lines = [
    ...(req.modeline === undefined ? [] : [req.modeline]),
    ...ABOUT[req.type](req.stack.key),
    `name: ${req.name}`,
    `version: ${VERSIONS[req.type]![0]}`,
    `type: ${req.type}`,
    `workspace: ${req.workspace}`,
    `description: ${JSON.stringify(`The ${req.name} ${req.type}`)}`,
    `${req.type}:`,
    ...indent(BODY[req.type](req), "  "),
  ];
  return `${lines.join("\n")}\n`;
}

const ABOUT: Record<Orchestrator, (stack: string) => string[]> = {
  workflow: (stack) => [
    `# A Workflow: batch jobs run in dependency order, once or on a schedule. Its job runs the`,
    `# ${stack} stack. Reference: docs/manifests.md; build it with \`stackyard build\`.`,
  ],
  worker: (stack) => [
    `# A Worker: a long-running process without a port, on the ${stack} stack.`,
    `# Reference: docs/manifests.md; build it with \`stackyard build\`.`,
  ],
  service: (stack) => [
    `# A Service: a long-running process with a port, on the ${stack} stack.`,
    `# Reference: docs/manifests.md; build it with \`stackyard build\`.`,
  ],
};

const BODY: Record<Orchestrator, (req: NewResource) => string[]> = {
  workflow: (req) => [
    `title: ${JSON.stringify(req.name)}`,
    "# Uncomment to run on a schedule (an Argo CronWorkflow) instead of once:",
    "# schedule:",
    '#   cron: "0 2 * * *"',
    "#   timezone: UTC",
    "#   concurrencyPolicy: Forbid",
    "dag:",
    "  - name: run",
    "    spec:",
    ...indent(runnableLines(req.stack), "      "),
    "    # dependencies: [other-job]",
  ],
  worker: (req) => ["replicas: 1", ...runnableLines(req.stack)],
  service: (req) => [
    "replicas: 1",
    "servicePort: 8080",
    "# ingress:",
    "#   enabled: true",
    `#   path: /${req.workspace}/${req.name}`,
    "#   stripPath: true",
    ...runnableLines(req.stack),
  ],
};

/** stack, compute, resources and the stackSpec skeleton: what every runnable needs. */
function runnableLines(stack: CatalogStack): string[] {
  const skeleton = stack.schema === undefined ? [] : stackSpecSkeleton(stack.schema);
  return [
    `stack: ${stack.key}`,
    `compute: ${DEFAULT_COMPUTE}`,
    "resources:",
    "  requests: {cpu: 100m, memory: 128Mi}",
    "  limits: {cpu: 500m, memory: 512Mi}",
    ...(skeleton.length === 0
      ? ["stackSpec: {}"]
      : [
          "# The stack's own settings: fill in the <placeholders>.",
          "stackSpec:",
          ...indent(skeleton, "  "),
        ]),
  ];
}

function indent(lines: readonly string[], prefix: string): string[] {
  return lines.map((l) => (l === "" ? l : `${prefix}${l}`));
}
