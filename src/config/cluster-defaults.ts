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
  const { doc, file, diagnostics } = source;
  const set = Object.entries(user.set).flatMap(([key, value]): OverrideSetting[] => {
    const here = [...at, "set", key];
    const head = key.split(".")[0]!;
    if (IDENTITY_KEYS.includes(head)) {
      diagnostics.push(identityRefused(key, head, nodeRangeAt(doc, here, "key"), file));
      return [];
    }
    return [
      {
        path: key.split(".").map((step) => (/^[0-9]+$/.test(step) ? Number(step) : step)),
        value,
        file,
        keyRange: nodeRangeAt(doc, here, "key"),
        valueRanges: nodeRanges(doc.getIn(here, true)),
      },
    ];
  });
  return {
    match: { ...user.match },
    set,
    at: { file, range: nodeRangeAt(doc, [...at, "match"], "key") },
  };
}

/**
 * What says which resource a document is (`type:version:name:workspace`, its resource id):
 * an override sets fields of a resource on one cluster, it does not make it another resource.
 * Set, `workspace` moved the resource and broke its references with errors in its file that
 * named no override; `type` reported its own section as unknown; `name` renamed it silently.
 */
const IDENTITY_KEYS = ["name", "version", "type", "workspace"];

function identityRefused(key: string, head: string, range: SourceRange, file: string): Diagnostic {
  return diag(
    "CONFIG_INVALID",
    `an override cannot set \`${key}\`: a resource's ${head} is part of what identifies it (type, version, name and workspace)`,
    { file, range },
    {
      hint: "set fields of the resource's section instead (`service.replicas`, `worker.stackSpec.image`); to run it under another name, type or workspace on this cluster, write that resource in a file of its own",
    },
  );
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
