import type { StackyardConfig } from "../config/types.js";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { rangeAtPath } from "../parse/node-at-path.js";
import { DEFAULT_PARSE_LIMITS } from "../parse/parse-yaml.js";
import { deepNestingOffset } from "../parse/prescan-nesting.js";
import type { NodePath } from "../parse/types.js";
import { parseDatasetAddress } from "../resolve/dataset-address.js";
import type { Orchestrator, ResolvedRunnable } from "../resolve/types.js";
import { renderTemplate, TemplateError } from "../template/index.js";
import { GoStruct } from "../template/values.js";
import { isClusterScoped } from "../validate/cluster-scoped.js";
import type { DepotResource, JsonObject } from "../validate/types.js";
import { buildContext } from "./context.js";
import { objectIdentityProblem } from "./object-identity.js";
import { parseRendered } from "./parse-rendered.js";
import { templateErrorDiagnostic } from "./template-diagnostic.js";
import {
  literalKeyLine,
  templatePathIn,
  templateRange,
  type CONFIG_BLOCKS,
  type TemplateKind,
} from "./template-location.js";
import type { K8sObject, RenderedRunnable } from "./types.js";

export interface RenderInput {
  config: StackyardConfig;
  depots: ReadonlyMap<string, DepotResource>;
  /** The keys an (instance) secret declares, by name: `resolve` exposes them per depot secret. */
  secretKeys: (secretName: string) => string[];
}

const BLOCK = {
  workflow: "workflowJobConfig",
  worker: "workerConfig",
  service: "serviceConfig",
} as const satisfies Record<Orchestrator, (typeof CONFIG_BLOCKS)[number]>;

/** Where a template of `kind` for this orchestrator is written in a stack manifest. */
function templatePath(orchestrator: Orchestrator, kind: TemplateKind): NodePath {
  return templatePathIn(BLOCK[orchestrator], kind);
}

/**
 * Renders a runnable's stack templates: configFileTemplate into config files,
 * containerResourceTemplate into container parts, resourceTemplate into a whole object.
 * Errors point at the template line in the stack file and name the resource being rendered.
 */
export function renderRunnable(
  r: ResolvedRunnable,
  input: RenderInput,
): { rendered?: RenderedRunnable; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let failed = false;
  const context = buildContext(r, input.config);
  const funcs = { resolve: (address: unknown) => resolveAddress(address, input) };
  const render = (kind: TemplateKind): unknown => {
    const source = r.templates[kind];
    if (source === undefined) return undefined;
    const path = templatePath(r.orchestrator, kind);
    // Read only for a diagnostic: a built-in stack's origin is parsed on first use.
    const stackSource = () => r.stack.origin.source;
    let text: string;
    try {
      text = renderTemplate(source, context, {
        name: kind,
        funcs,
        limits: input.config.limits.template,
      });
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      failed = true;
      // A user's stack's parse errors are reported once per stack (stackTemplateErrors).
      if (error.kind !== "parse" || r.stack.builtin)
        diagnostics.push(templateErrorDiagnostic(error, stackSource(), path, [runnableNote(r)]));
      return undefined;
    }
    try {
      // The same pre-parse bound as for source files: yaml's parser is slow on deep nesting.
      if (deepNestingOffset(text, DEFAULT_PARSE_LIMITS.maxDepth) !== undefined) {
        throw new Error(`it is nested more than ${DEFAULT_PARSE_LIMITS.maxDepth} levels deep`);
      }
      return parseRendered(text);
    } catch (error) {
      const problem = notYaml(kind, source, error);
      diagnostics.push(
        diag(
          "TEMPLATE_OUTPUT_INVALID",
          problem.message,
          {
            file: stackSource().file,
            range:
              problem.templateLine === undefined
                ? rangeAtPath(stackSource(), path)
                : templateRange(stackSource(), path, problem.templateLine, 1, 3),
          },
          { related: [runnableNote(r)], hint: problem.hint },
        ),
      );
      return undefined;
    }
  };
  const configFiles = asConfigFiles(render("configFileTemplate"), r, diagnostics);
  const parts = asContainerParts(render("containerResourceTemplate"), r, diagnostics);
  const resourceObject = asObject(render("resourceTemplate"), r, diagnostics, "resourceTemplate");
  const extraObjects = asObjectList(render("extraResourcesTemplate"), r, diagnostics);
  if (failed || diagnostics.some((d) => d.severity === "error")) return { diagnostics };
  const rendered: RenderedRunnable = {
    ...r,
    configFiles: { ...configFiles, ...r.inlinedConfigs },
    initContainers: parts.initContainers,
    sidecars: parts.sidecars,
    volumes: parts.volumes,
    imagePullSecrets: parts.imagePullSecrets,
    extraObjects,
  };
  if (parts.container) rendered.container = parts.container;
  if (resourceObject) rendered.resourceObject = resourceObject;
  return { rendered, diagnostics };
}

function runnableNote(r: ResolvedRunnable) {
  return {
    file: r.specOrigin.source.file,
    range: rangeAtPath(r.specOrigin.source, [...r.specOrigin.path, "stack"]),
    message: `while rendering ${r.orchestrator} ${r.name} (workspace ${r.workspace})`,
  };
}

function outputError(r: ResolvedRunnable, kind: string, message: string): Diagnostic {
  const source = r.stack.origin.source;
  return diag(
    "TEMPLATE_OUTPUT_INVALID",
    `${kind} ${message}`,
    {
      file: source.file,
      range: rangeAtPath(source, templatePath(r.orchestrator, kind as TemplateKind)),
    },
    { related: [runnableNote(r)] },
  );
}

/** configFileTemplate renders `file name: content`; nested YAML content is serialized back. */
function asConfigFiles(
  value: unknown,
  r: ResolvedRunnable,
  diagnostics: Diagnostic[],
): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) {
    diagnostics.push(
      outputError(r, "configFileTemplate", "must render a mapping of file name to file content"),
    );
    return {};
  }
  const files: Record<string, string> = {};
  for (const [name, content] of Object.entries(value)) {
    if (!/^[-._a-zA-Z0-9]+$/.test(name)) {
      diagnostics.push(
        outputError(
          r,
          "configFileTemplate",
          `rendered the file name ${JSON.stringify(name)}, which is not a valid ConfigMap key`,
        ),
      );
      continue;
    }
    files[name] =
      typeof content === "string" ? content : JSON.stringify(content ?? null, null, 2) + "\n";
  }
  return files;
}

const CONTAINER_PART_KEYS = [
  "initContainers",
  "container",
  "sidecars",
  "volumes",
  "imagePullSecrets",
];

interface ContainerParts {
  container?: JsonObject;
  initContainers: JsonObject[];
  sidecars: JsonObject[];
  volumes: JsonObject[];
  imagePullSecrets: JsonObject[];
}

/** The container's lists that are merged with the default container's, by name or path. */
const MERGED_CONTAINER_LISTS = ["env", "envFrom", "volumeMounts"] as const;

function asContainerParts(
  value: unknown,
  r: ResolvedRunnable,
  diagnostics: Diagnostic[],
): ContainerParts {
  const empty = { initContainers: [], sidecars: [], volumes: [], imagePullSecrets: [] };
  if (value === undefined || value === null) return empty;
  if (!isPlainObject(value)) {
    diagnostics.push(
      outputError(
        r,
        "containerResourceTemplate",
        "must render a mapping with initContainers, container, sidecars or volumes",
      ),
    );
    return empty;
  }
  const unknown = Object.keys(value).filter((k) => !CONTAINER_PART_KEYS.includes(k));
  if (unknown.length > 0) {
    diagnostics.push(
      outputError(
        r,
        "containerResourceTemplate",
        `rendered unknown key(s) ${unknown.join(", ")}; allowed: ${CONTAINER_PART_KEYS.join(", ")}`,
      ),
    );
  }
  const list = (key: string): JsonObject[] => {
    const v = value[key];
    if (v === undefined || v === null) return [];
    if (Array.isArray(v) && v.every(isPlainObject)) return v as JsonObject[];
    diagnostics.push(
      outputError(
        r,
        "containerResourceTemplate",
        `rendered \`${key}\` that is not a list of mappings`,
      ),
    );
    return [];
  };
  const parts: ContainerParts = {
    initContainers: list("initContainers"),
    sidecars: list("sidecars"),
    volumes: list("volumes"),
    imagePullSecrets: list("imagePullSecrets"),
  };
  if (value.container !== undefined && value.container !== null) {
    if (isPlainObject(value.container)) parts.container = value.container as JsonObject;
    else
      diagnostics.push(
        outputError(r, "containerResourceTemplate", "rendered `container` that is not a mapping"),
      );
  }
  // The lists merged into the main container's (see compile/container-merge.ts): anything
  // else there would be dropped by the merge, not refused by the output's schema.
  for (const key of MERGED_CONTAINER_LISTS) {
    const v = parts.container?.[key];
    if (v === undefined || v === null || (Array.isArray(v) && v.every(isPlainObject))) continue;
    diagnostics.push(
      outputError(
        r,
        "containerResourceTemplate",
        `rendered \`container.${key}\` that is not a list of mappings`,
      ),
    );
  }
  return parts;
}

function asObject(
  value: unknown,
  r: ResolvedRunnable,
  diagnostics: Diagnostic[],
  kind: TemplateKind,
): K8sObject | undefined {
  if (value === undefined || value === null) return undefined;
  const o = value as Record<string, unknown>;
  const meta = o.metadata as Record<string, unknown> | undefined;
  if (
    !isPlainObject(value) ||
    typeof o.apiVersion !== "string" ||
    typeof o.kind !== "string" ||
    !isPlainObject(meta) ||
    typeof meta.name !== "string"
  ) {
    diagnostics.push(
      outputError(
        r,
        kind,
        "must render Kubernetes objects with apiVersion, kind and metadata.name",
      ),
    );
    return undefined;
  }
  const problem = objectIdentityProblem(o.apiVersion, o.kind, meta.name, meta.namespace);
  if (problem !== undefined) {
    diagnostics.push(outputError(r, kind, `rendered an object whose ${problem}`));
    return undefined;
  }
  if (isClusterScoped(o.apiVersion, o.kind)) {
    const refused = clusterScopedRefusal(r, kind, o.kind, meta.name);
    if (refused !== undefined) {
      diagnostics.push(refused);
      return undefined;
    }
  } else if (typeof meta.namespace === "string" && meta.namespace !== r.workspace) {
    diagnostics.push(namespaceReplaced(r, kind, o.kind, meta.name, meta.namespace));
  }
  return value as K8sObject;
}

/**
 * A namespaced object a template rendered is created in the workspace of the resource that
 * uses the stack (compile sets its namespace: one workspace, one namespace, one out/ folder and
 * sync unit). A template that names another namespace is told so, at its `namespace:` line.
 */
function namespaceReplaced(
  r: ResolvedRunnable,
  kind: TemplateKind,
  objectKind: string,
  name: string,
  namespace: string,
): Diagnostic {
  const source = r.stack.origin.source;
  const path = templatePath(r.orchestrator, kind);
  const template = r.templates[kind] ?? "";
  const at = literalKeyLine(template, "namespace", namespace) ?? computedNamespaceLine(template);
  return diag(
    "TEMPLATE_NAMESPACE_REPLACED",
    `${kind} rendered ${objectKind} ${name} in namespace ${namespace}, which the build replaces with ${r.workspace}: a stack's objects are created in the workspace (the namespace) of the resource that uses the stack`,
    {
      file: source.file,
      range:
        at === undefined
          ? rangeAtPath(source, path)
          : templateRange(source, path, at.line, at.column),
    },
    {
      related: [runnableNote(r)],
      hint: "remove `namespace:` from the template, or render `namespace: {{ .Workspace }}`; an object for another namespace belongs to a resource of that workspace",
    },
  );
}

/** The template's one `namespace:` line whose value is computed (`{{ … }}`); none if several. */
function computedNamespaceLine(template: string): { line: number; column: number } | undefined {
  const found = template.split("\n").flatMap((text, i) => {
    const m = /^(\s*(?:-\s+)?)namespace:.*\{\{/.exec(text);
    return m === null ? [] : [{ line: i + 1, column: m[1]!.length + 1 }];
  });
  return found.length === 1 ? found[0] : undefined;
}

/**
 * A stack's objects live in the workspace of the resource that uses it; a cluster-scoped one
 * (a ClusterRoleBinding to cluster-admin, a webhook) would reach past it into the whole
 * cluster. So a Worker's or Service's template may render one only if the stack lists its
 * kind in `clusterScopedKinds`; a Workflow step's object never (the step creates it with a
 * namespaced Role, owned by the namespaced workflow). Reported at the template's `kind:` line.
 */
function clusterScopedRefusal(
  r: ResolvedRunnable,
  kind: TemplateKind,
  objectKind: string,
  name: string,
): Diagnostic | undefined {
  const step = kind === "resourceTemplate" && r.orchestrator === "workflow";
  const allowed = r.stack.spec.clusterScopedKinds ?? [];
  if (!step && allowed.includes(objectKind)) return undefined;
  const source = r.stack.origin.source;
  const path = templatePath(r.orchestrator, kind);
  const at = literalKeyLine(r.templates[kind] ?? "", "kind", objectKind);
  const hint = step
    ? "a workflow step's object is created in the workflow's namespace and deleted with it: render a namespaced kind, or move the object to the workerConfig or serviceConfig of a stack that lists it in `clusterScopedKinds`"
    : `render a namespaced kind${objectKind.startsWith("ClusterRole") ? ` (a ${objectKind.slice("Cluster".length)}, not a ${objectKind})` : ""}, or, if every resource using this stack may change the whole cluster, add \`clusterScopedKinds: [${objectKind}]\` to the stack`;
  return diag(
    "TEMPLATE_OUTPUT_INVALID",
    `${kind} rendered ${objectKind} ${name}, a cluster-scoped kind${step ? ", which a workflow step cannot create" : ` that the stack does not list in \`clusterScopedKinds\``}`,
    {
      file: source.file,
      range:
        at === undefined
          ? rangeAtPath(source, path)
          : templateRange(source, path, at.line, at.column),
    },
    { related: [runnableNote(r)], hint },
  );
}

/** extraResourcesTemplate renders a YAML list of objects (an empty render means none). */
function asObjectList(value: unknown, r: ResolvedRunnable, diagnostics: Diagnostic[]): K8sObject[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    diagnostics.push(
      outputError(r, "extraResourcesTemplate", "must render a YAML list of Kubernetes objects"),
    );
    return [];
  }
  return value.flatMap((item) => {
    const object = asObject(item, r, diagnostics, "extraResourcesTemplate");
    return object ? [object] : [];
  });
}

/** The `resolve` template function: a dataset address → its depot's connection details. */
function resolveAddress(address: unknown, { depots, secretKeys }: RenderInput): GoStruct {
  if (typeof address !== "string")
    throw new Error(`resolve: expected a dataset address string, got ${typeof address}`);
  const parsed = parseDatasetAddress(address);
  if ("error" in parsed) throw new Error(`resolve: ${JSON.stringify(address)}: ${parsed.error}`);
  const depot = depots.get(parsed.depot);
  if (!depot) throw new Error(`resolve: no depot is named ${JSON.stringify(parsed.depot)}`);
  const conn = depot.spec.connection;
  const str = (k: string) => (typeof conn[k] === "string" ? (conn[k] as string) : "");
  const relative = [str("relativePath"), parsed.collection, parsed.dataset]
    .filter((x) => x && x !== "none")
    .join("/");
  const fields = new Map<string, unknown>([
    ["Address", address],
    ["Depot", parsed.depot],
    ["Collection", parsed.collection ?? ""],
    ["Dataset", parsed.dataset ?? ""],
    ["Acl", parsed.acl],
    ["Type", depot.spec.type],
    ["Format", str("format")],
    ["Connection", new Map(Object.entries(conn))],
    ["Secrets", depot.spec.secrets.map((s) => s.name)],
    ["SecretKeys", new Map(depot.spec.secrets.map((s) => [s.name, secretKeys(s.name)]))],
    ["Resolution", new Map<string, unknown>([["isPersistent", true]])],
    [
      "Abfss",
      new GoStruct(
        "Abfss",
        new Map([
          ["Account", str("account")],
          ["Container", str("container")],
          ["RelativePath", relative],
        ]),
      ),
    ],
    [
      "Gcs",
      new GoStruct(
        "Gcs",
        new Map([
          ["Bucket", str("bucket")],
          ["RelativePath", relative],
        ]),
      ),
    ],
    [
      "S3",
      new GoStruct(
        "S3",
        new Map([
          ["Bucket", str("bucket")],
          ["RelativePath", relative],
        ]),
      ),
    ],
    ["Pulsar", new GoStruct("Pulsar", new Map([["Tenant", str("tenant")]]))],
  ]);
  return new GoStruct("ResolvedAddress", fields);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** What a template kind must render, for the message of a second YAML document. */
const ONE_DOCUMENT: Record<TemplateKind, string> = {
  configFileTemplate: "one mapping of file name to file content",
  containerResourceTemplate: "one mapping of container parts",
  resourceTemplate: "exactly one object",
  extraResourcesTemplate: "one YAML list of objects",
};

const MORE_OBJECTS: Record<TemplateKind, string> = {
  configFileTemplate: "put every file in the one mapping, as `name: |` entries",
  containerResourceTemplate: "put every part in the one mapping (`sidecars:` is a list)",
  resourceTemplate:
    "render one object here, and further objects as a list in extraResourcesTemplate",
  extraResourcesTemplate:
    "write each object as an item of the one list (`- apiVersion: …`), not after `---`",
};

/**
 * Why the rendered text of a template is not the YAML it must be: yaml's message without its
 * trailing excerpt (" at line 3, column 1:" and the text), the line said as a line of the
 * rendered text. A second document (`---`) is said as such, and is at the template's own
 * `---` line when it has one.
 */
function notYaml(
  kind: TemplateKind,
  template: string,
  error: unknown,
): { message: string; hint: string; templateLine?: number } {
  const e = error as {
    code?: string;
    message: string;
    linePos?: Array<{ line: number; col: number }>;
  };
  const at = e.linePos?.[0];
  const where = at === undefined ? "" : ` (rendered line ${at.line}, column ${at.col})`;
  if (e.code === "MULTIPLE_DOCS") {
    const line = template.split("\n").findIndex((l) => /^---(\s|$)/.test(l));
    return {
      message: `${kind} rendered more than one YAML document${at === undefined ? "" : ` (a \`---\` at rendered line ${at.line})`}; it must render ${ONE_DOCUMENT[kind]}`,
      hint: MORE_OBJECTS[kind],
      ...(line === -1 ? {} : { templateLine: line + 1 }),
    };
  }
  const said = (e.message.split("\n")[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, "");
  return {
    message: `${kind} rendered text that is not YAML${where}: ${said}`,
    hint: "render it with `stackyard template eval` to see the output; indent nested YAML with `toYaml | indent N`",
  };
}
