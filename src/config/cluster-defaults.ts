import { isMap, isScalar, isSeq, type Document, type Node } from "yaml";
import { diag, type Diagnostic, type SourceRange } from "../diagnostics/diagnostic.js";
import { checkRepoPath } from "./check-paths.js";
import {
  ARGO_SYNC_DEFAULTS,
  ENGINE_NAMESPACES,
  FLUX_SYNC_DEFAULTS,
  IN_CLUSTER_SERVER,
  type ClusterConfig,
  type GitOpsEngine,
  type OverrideSetting,
  type ResourceOverride,
} from "./cluster-types.js";
import { nodeRangeAt, type ConfigPath } from "./node-range-at.js";

/** A schema-valid `clusters[]` entry as written: only name, engine and repoURL are certain. */
interface UserCluster {
  name: string;
  engine: GitOpsEngine;
  repoURL: string;
  workspaces?: string[] | "all";
  branch?: string;
  path?: string;
  namespace?: string;
  server?: string;
  argocd?: Partial<ClusterConfig["argocd"]>;
  flux?: Partial<ClusterConfig["flux"]>;
  ingress?: ClusterConfig["ingress"];
  overrides?: Array<{ match: ResourceOverride["match"]; set: Record<string, unknown> }>;
}

/** Where the config document is, for positioned diagnostics. */
interface ConfigSource {
  doc: Document;
  file: string;
  diagnostics: Diagnostic[];
}

/**
 * Fills in each cluster's defaults (branch `main`, path `<outDir>/<name>`, the engine's
 * namespace, sync settings) and turns `overrides[].set` into settings that remember where
 * every node of their value is written. Checks what the schema cannot: unique names, a sync
 * block that fits the engine, and `cluster:` not set alongside `clusters:`.
 */
export function clusterDefaults(
  raw: unknown,
  outDir: string,
  clusterSetByUser: boolean,
  source: ConfigSource,
): ClusterConfig[] {
  if (!Array.isArray(raw)) return [];
  const { doc, file, diagnostics } = source;
  if (clusterSetByUser && raw.length > 0) {
    diagnostics.push(
      diag(
        "CONFIG_INVALID",
        "cluster and clusters are both set",
        { file, range: nodeRangeAt(doc, ["cluster"], "key") },
        {
          hint: "with clusters:, each cluster names its own folder; remove cluster:",
        },
      ),
    );
  }
  const seen = new Set<string>();
  return (raw as UserCluster[]).map((user, i) => {
    if (seen.has(user.name)) {
      diagnostics.push(
        diag(
          "CONFIG_INVALID",
          `there is already a cluster named ${user.name}`,
          { file, range: nodeRangeAt(doc, ["clusters", i, "name"]) },
          {
            hint: "give every cluster its own name: it is the folder of its output",
          },
        ),
      );
    }
    seen.add(user.name);
    return oneCluster(user, i, outDir, source);
  });
}

function oneCluster(
  user: UserCluster,
  i: number,
  outDir: string,
  source: ConfigSource,
): ClusterConfig {
  const { doc, file, diagnostics } = source;
  const other: GitOpsEngine = user.engine === "argocd" ? "flux" : "argocd";
  if (user[other] !== undefined) {
    diagnostics.push(
      diag(
        "CONFIG_INVALID",
        `cluster ${user.name} is synced by ${user.engine}, so its ${other}: settings have no effect`,
        {
          file,
          range: nodeRangeAt(doc, ["clusters", i, other], "key"),
        },
        { hint: `use ${user.engine}: for its sync settings, or set engine: ${other}` },
      ),
    );
  }
  const defaultPath = `${outDir}/${user.name}`;
  const path =
    user.path === undefined
      ? defaultPath
      : checkRepoPath(user.path, ["clusters", i, "path"], doc, file, diagnostics);
  return {
    name: user.name,
    workspaces:
      user.workspaces === undefined || user.workspaces === "all"
        ? "all"
        : [...new Set(user.workspaces)].sort(),
    ...(Array.isArray(user.workspaces)
      ? {
          workspacesAt: user.workspaces.map((name, j) => ({
            name,
            file,
            range: nodeRangeAt(doc, ["clusters", i, "workspaces", j]),
          })),
        }
      : {}),
    engine: user.engine,
    repoURL: user.repoURL,
    branch: user.branch ?? "main",
    path: path ?? defaultPath,
    namespace: user.namespace ?? ENGINE_NAMESPACES[user.engine],
    server: user.server ?? IN_CLUSTER_SERVER,
    argocd: { ...ARGO_SYNC_DEFAULTS, ...user.argocd },
    flux: { ...FLUX_SYNC_DEFAULTS, ...user.flux },
    ingress: user.ingress ?? {},
    overrides: (user.overrides ?? []).map((o, j) =>
      override(o, ["clusters", i, "overrides", j], source),
    ),
  };
}

function override(
  user: NonNullable<UserCluster["overrides"]>[number],
  at: ConfigPath,
  source: ConfigSource,
): ResourceOverride {
  const { doc, file } = source;
  const set = Object.entries(user.set).map(([key, value]): OverrideSetting => {
    const here = [...at, "set", key];
    return {
      path: key.split(".").map((step) => (/^[0-9]+$/.test(step) ? Number(step) : step)),
      value,
      file,
      keyRange: nodeRangeAt(doc, here, "key"),
      valueRanges: nodeRanges(doc.getIn(here, true)),
    };
  });
  return {
    match: { ...user.match },
    set,
    at: { file, range: nodeRangeAt(doc, [...at, "match"], "key") },
  };
}

/** The range of a node and of every node inside it, by path relative to it. */
function nodeRanges(
  node: unknown,
  prefix: Array<string | number> = [],
): OverrideSetting["valueRanges"] {
  const out: OverrideSetting["valueRanges"] = [];
  const range = rangeOf(node);
  if (range !== undefined) out.push({ path: prefix, range });
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.key))
        out.push(...nodeRanges(pair.value, [...prefix, String(pair.key.value)]));
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => out.push(...nodeRanges(item, [...prefix, index])));
  }
  return out;
}

function rangeOf(node: unknown): SourceRange | undefined {
  const r = (node as Node | null | undefined)?.range;
  return r ? { start: r[0], end: Math.max(r[1], r[0] + 1) } : undefined;
}
