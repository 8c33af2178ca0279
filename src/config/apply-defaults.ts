import type { Document } from "yaml";
import { diag, type Diagnostic, type SourceLocation } from "../diagnostics/diagnostic.js";
import { checkRepoGlob, checkRepoPath } from "./check-paths.js";
import { clusterDefaults } from "./cluster-defaults.js";
import { nodeRangeAt } from "./node-range-at.js";
import { alwaysExcluded, DEFAULT_CONFIG, type StackyardConfig } from "./types.js";

/** stackyard.yaml as written, after schema validation: any key may be absent. */
export type UserConfig = DeepPartial<StackyardConfig>;

type DeepPartial<T> = T extends string[] | Record<string, string>
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * Fills the gaps of a schema-valid user config with the defaults, normalizes and checks its
 * paths, and checks the settings that depend on each other. Mappings merge key by key; lists
 * replace the default, except `exclude`, which always keeps the folders no scan may enter.
 */
export function applyDefaults(
  user: UserConfig,
  doc: Document,
  file: string,
): { config: StackyardConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const merged = mergeDeep(structuredClone(DEFAULT_CONFIG), user) as StackyardConfig;
  const roots = (user.roots ?? DEFAULT_CONFIG.roots).map((r, i) =>
    user.roots === undefined ? r : checkRepoPath(r, ["roots", i], doc, file, diagnostics),
  );
  const outDir = checkOutDir(merged.outDir, user.outDir !== undefined, doc, file, diagnostics);
  const exclude = (user.exclude ?? []).map((g, i) =>
    checkRepoGlob(g, ["exclude", i], doc, file, diagnostics),
  );
  merged.roots = unique(roots);
  merged.outDir = outDir ?? DEFAULT_CONFIG.outDir;
  if (outDir !== undefined && user.outDir !== undefined)
    merged.outDirAt = { file, range: nodeRangeAt(doc, ["outDir"]) };
  if (user.roots !== undefined) checkRootsOutside(roots, merged.outDir, doc, file, diagnostics);
  merged.exclude = unique([...alwaysExcluded(merged.outDir), ...exclude]);
  merged.clusters = clusterDefaults(user.clusters, merged.outDir, user.cluster !== undefined, {
    doc,
    file,
    diagnostics,
  });
  checkGateway(merged, doc, file, diagnostics);
  const at = policyIdPlaces(merged, doc, file);
  if (Object.keys(at).length > 0) merged.policies.at = at;
  return { config: merged, diagnostics };
}

/** Where the policy ids of `policies.severity` and `policies.workspaces` are written. */
function policyIdPlaces(
  config: StackyardConfig,
  doc: Document,
  file: string,
): Record<string, SourceLocation> {
  const { severity, workspaces } = config.policies;
  const at: Record<string, SourceLocation> = {};
  for (const id of Object.keys(severity)) {
    const path = ["policies", "severity", id];
    at[path.join(".")] = { file, range: nodeRangeAt(doc, path, "key") };
  }
  for (const [ws, levels] of Object.entries(workspaces)) {
    for (const id of Object.keys(levels)) {
      const path = ["policies", "workspaces", ws, id];
      at[path.join(".")] = { file, range: nodeRangeAt(doc, path, "key") };
    }
  }
  return at;
}

function checkOutDir(
  value: string,
  fromUser: boolean,
  doc: Document,
  file: string,
  diagnostics: Diagnostic[],
): string | undefined {
  if (!fromUser) return value;
  const normal = checkRepoPath(value, ["outDir"], doc, file, diagnostics);
  if (normal === "." || normal === ".git" || normal?.startsWith(".git/") === true) {
    diagnostics.push(
      diag(
        "CONFIG_INVALID",
        `outDir must be a folder of its own, not "${value}"`,
        {
          file,
          range: nodeRangeAt(doc, ["outDir"]),
        },
        { hint: 'stackyard prunes files it owns in outDir; use a dedicated folder such as "out"' },
      ),
    );
    return undefined;
  }
  return normal;
}

/**
 * A manifest root inside the out dir (or the out dir itself) would never be read: a scan does
 * not enter outDir, whose files the build owns and prunes. Said at the root, rather than
 * building nothing from it.
 */
function checkRootsOutside(
  roots: ReadonlyArray<string | undefined>,
  outDir: string,
  doc: Document,
  file: string,
  diagnostics: Diagnostic[],
): void {
  roots.forEach((root, i) => {
    if (root === undefined || (root !== outDir && !root.startsWith(`${outDir}/`))) return;
    diagnostics.push(
      diag(
        "CONFIG_INVALID",
        `root "${root}" is inside outDir "${outDir}": the build writes its output there and reads no manifest from it`,
        { file, range: nodeRangeAt(doc, ["roots", i]) },
        { hint: 'keep manifests out of outDir: set outDir to a folder of its own, such as "out"' },
      ),
    );
  });
}

/** The Gateway flavour cannot work without a Gateway for the HTTPRoutes to attach to. */
function checkGateway(
  config: StackyardConfig,
  doc: Document,
  file: string,
  diagnostics: Diagnostic[],
): void {
  if (config.ingress.flavor !== "gateway" || config.ingress.gateway !== undefined) return;
  diagnostics.push(
    diag(
      "CONFIG_INVALID",
      'ingress.flavor is "gateway" but ingress.gateway is not set',
      { file, range: nodeRangeAt(doc, ["ingress", "flavor"]) },
      { hint: "add ingress.gateway.name: the Gateway that the HTTPRoutes attach to" },
    ),
  );
}

function mergeDeep(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = mergeDeep(base[key], value);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function unique(items: ReadonlyArray<string | undefined>): string[] {
  return [...new Set(items.filter((i): i is string => i !== undefined))];
}
