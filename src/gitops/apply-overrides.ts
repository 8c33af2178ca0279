import { isMap, isSeq, Pair, Scalar, type Document, type YAMLMap, type YAMLSeq } from "yaml";
import type {
  ClusterConfig,
  OverrideMatch,
  OverrideSetting,
  ResourceOverride,
} from "../config/cluster-types.js";
import { diag, type Diagnostic, type SourceRange } from "../diagnostics/diagnostic.js";
import { keyText, rangeAtPath } from "../parse/node-at-path.js";
import type { ParsedDocument } from "../parse/types.js";
import { inWorkspace } from "../validate/instance-level.js";
import { markerRange, markerSpace, markValue } from "./override-markers.js";

/** One cluster's overrides, applied while its compile pass loads the repository. */
export interface OverridePass {
  /** Applies the overrides that match one normalized document, before it is validated. */
  prepare(doc: ParsedDocument): Diagnostic[];
  /**
   * The pass's diagnostics with those about overridden values moved to stackyard.yaml, plus
   * a warning for every override that matched no resource (a typo in `match:`, most often).
   */
  finish(diagnostics: readonly Diagnostic[]): Diagnostic[];
  /** Where in stackyard.yaml a value this pass inserted came from (see MarkerSpace.locate). */
  locate(file: string, range: SourceRange): { file: string; range: SourceRange } | undefined;
}

/**
 * The override pass of a cluster; resources without `workspace:` are in `defaultWorkspace`.
 * A resource of a workspace the cluster does not run is not the cluster's: no override applies
 * to it (it would change nothing in the cluster's out/), so an override that matches only such
 * resources matches nothing.
 */
export function overridePass(cluster: ClusterConfig, defaultWorkspace: string): OverridePass {
  const markers = markerSpace(cluster);
  const matched = new Set<ResourceOverride>();
  const runs = (meta: DocumentMeta) =>
    cluster.workspaces === "all" ||
    !inWorkspace(meta.type) ||
    cluster.workspaces.includes(meta.workspace);
  return {
    locate: (file, range) => markers.locate(file, range),
    prepare(doc) {
      const root = doc.doc.contents;
      if (!isMap(root)) return [];
      const meta = documentMeta(root, defaultWorkspace);
      if (meta === undefined || !runs(meta)) return [];
      const matching = cluster.overrides.filter((o) => matches(o.match, meta));
      const settings = matching.flatMap((o) => o.set);
      if (settings.length === 0) return [];
      for (const o of matching) matched.add(o);
      const base = markers.baseFor(doc.file, doc.text.length, {
        index: doc.index,
        label: `${meta.type} ${meta.name}`,
        nameRange: rangeAtPath(doc, ["name"]),
        configFile: settings[0]!.file,
      });
      const label = `${meta.type} ${meta.name}`;
      return settings.flatMap((s) => setPath(doc.doc, root, s, base, label));
    },
    finish(diagnostics) {
      const unmatched = cluster.overrides
        .filter((o) => !matched.has(o))
        .map((o) => matchesNothing(o, cluster));
      return [...diagnostics.map((d) => markers.remap(d)), ...unmatched];
    },
  };
}

interface DocumentMeta {
  type: string;
  name: string;
  workspace: string;
}

function documentMeta(root: YAMLMap, defaultWorkspace: string): DocumentMeta | undefined {
  const text = (key: string) => {
    const value = root.get(key, false) as unknown;
    return typeof value === "string" ? value : undefined;
  };
  const [type, name] = [text("type"), text("name")];
  if (type === undefined || name === undefined) return undefined;
  return { type, name, workspace: text("workspace") ?? defaultWorkspace };
}

/** An absent key matches anything; `*` in a value matches any run of characters. */
function matches(match: OverrideMatch, meta: DocumentMeta): boolean {
  return (["type", "workspace", "name"] as const).every((key) => {
    const pattern = match[key];
    return pattern === undefined || glob(pattern).test(meta[key]);
  });
}

function glob(pattern: string): RegExp {
  const escaped = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`);
}

/**
 * Sets one path in the document, creating the mappings on the way. The created nodes carry
 * marker ranges, so whatever later stages say about them lands on the override.
 */
function setPath(
  doc: Document,
  root: YAMLMap,
  setting: OverrideSetting,
  base: number,
  label: string,
): Diagnostic[] {
  let parent: YAMLMap | YAMLSeq = root;
  const { path } = setting;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    const last = i === path.length - 1;
    if (!fits(parent, step)) return [unreachable(setting, i, label, parent)];
    const existing = childAt(parent, step);
    if (!last && (isMap(existing) || (isSeq(existing) && typeof path[i + 1] === "number"))) {
      parent = existing;
      continue;
    }
    const node = last ? doc.createNode(setting.value) : (doc.createNode({}) as YAMLMap);
    if (last) markValue(node, setting, base);
    else node.range = markerRange(setting.keyRange, base);
    putChild(parent, step, node, markerRange(setting.keyRange, base));
    if (!last) parent = node as YAMLMap;
  }
  return [];
}

/** A string step needs a mapping; a number step an existing item of a list, or one past its end. */
function fits(parent: YAMLMap | YAMLSeq, step: string | number): boolean {
  if (isMap(parent)) return true;
  return typeof step === "number" && step <= parent.items.length;
}

function childAt(parent: YAMLMap | YAMLSeq, step: string | number): unknown {
  if (isSeq(parent)) return parent.items[step as number];
  return parent.items.find((p) => keyText(p.key) === String(step))?.value;
}

function putChild(
  parent: YAMLMap | YAMLSeq,
  step: string | number,
  node: unknown,
  keyRange: [number, number, number],
): void {
  if (isSeq(parent)) {
    parent.items[step as number] = node;
    return;
  }
  const pair = parent.items.find((p) => keyText(p.key) === String(step));
  if (pair !== undefined) {
    pair.value = node;
    return;
  }
  const key = new Scalar(String(step));
  key.range = keyRange;
  parent.items.push(new Pair(key, node));
}

function unreachable(
  setting: OverrideSetting,
  at: number,
  label: string,
  parent: YAMLMap | YAMLSeq,
): Diagnostic {
  const where = setting.path.slice(0, at).join(".") || "the document";
  const why = isSeq(parent)
    ? `${where} is a list of ${parent.items.length} item(s); use an index up to ${parent.items.length}`
    : `${where} is a mapping; use a key, not a list index`;
  return diag("CONFIG_INVALID", `cannot set ${setting.path.join(".")} in ${label}: ${why}`, {
    file: setting.file,
    range: setting.keyRange,
  });
}

function matchesNothing(o: ResourceOverride, cluster: ClusterConfig): Diagnostic {
  const what = Object.entries(o.match)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const { workspaces } = cluster;
  const of = workspaces === "all" ? "" : ` of the workspaces it runs`;
  const runs =
    workspaces === "all"
      ? ""
      : ` (cluster ${cluster.name} runs ${workspaces.length === 0 ? "no workspace" : workspaces.join(", ")}; add the workspace to its workspaces: to run its resources here)`;
  return diag(
    "CONFIG_INVALID",
    `an override of cluster ${cluster.name} matches no resource${of} (${what || "any resource"})`,
    o.at,
    {
      severity: "warning",
      hint: `check the type, workspace and name in match:; \`*\` matches any run of characters${runs}`,
    },
  );
}
