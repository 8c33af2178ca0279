/**
 * What an incremental build needs to know of a successful build, file by file.
 *
 * A manifest file whose resources are all Workflows, Workers and Services is a **unit**: nothing
 * else refers to it, so it can be compiled again on its own, against the other files. Every
 * other manifest file (stacks, computes, depots, secrets, volumes) is **context**: an
 * incremental build loads all of them, and a change to one (but a stack file, whose users are
 * recompiled) means a full build.
 *
 * A few outputs depend on more than one unit: the Namespace of a workspace (attributed to the
 * least resource id with objects there, labelled with the least restrictive pod-security profile
 * its stacks ask for), the Secrets an instance secret gets in the workspaces that use it, the
 * kustomizations and the lineage. The summaries below are what it takes to tell whether an edit
 * changes the first two (then the build is a full one) and to rebuild the last two.
 */
import { ORCHESTRATORS } from "../compile/index.js";
import { instanceSecretNames } from "../compile/secret-placement.js";
import { podSecurityProfile } from "../compile/security-context.js";
import { objectPath } from "../emit/index.js";
import { sha256 } from "../emit/ownership-index.js";
import type { EmitObject } from "../emit/types.js";
import type { RenderedRunnable } from "../render/types.js";
import { stackKey } from "../resolve/stack-registry.js";
import type { Resource, StackResource } from "../validate/types.js";
import { objectIdentity } from "./compile-objects.js";
import type { LineagePart } from "./lineage.js";
import { duplicateKey } from "./load-repo.js";
import { UnitTable } from "./unit-table.js";

/** One unit: a manifest file of runnable resources, as the last build compiled it. */
export interface Unit {
  file: string;
  /** Its resources: ids (the `source.resourceId` of their objects) and duplicate keys. */
  resources: Array<{ id: string; key: string }>;
  /** The repository's own stack files its runnables use (built-in stacks are the compiler's). */
  stacks: string[];
  /** Workspace → the pod-security profiles its runnables' stacks ask for. */
  profiles: Record<string, string[]>;
  /** Workspace → the least of its resource ids with objects there. */
  owners: Record<string, string>;
  /** The out/ folders its objects are in. */
  folders: string[];
  /** The instance-secret placements its runnables cause: `<namespace>/instance-secret/<name>`. */
  placements: string[];
  /** The files its workflows include (dag[].file), directly or through included workflows. */
  includes: string[];
  /**
   * Its objects' identities (see objectIdentity), Namespaces aside, as short hashes (see
   * identityHash): no other unit's object may have one.
   */
  identities: string[];
  lineage: LineagePart[];
}

/** Everything but the units: what stays fixed while only units change. */
export interface BuildUnits {
  units: UnitTable;
  /**
   * The lineage parts of the units that have some, by file. Empty when read from the cache
   * without them (see readUnits): `storedLineage` then names them.
   */
  lineage: Record<string, LineagePart[]>;
  /** The sha256 of each unit's lineage parts (see lineageDigest), for the units that have some. */
  lineageDigests: Record<string, string>;
  /**
   * Set when `lineage` was not read and the cache's lineage file holds it as it is: that file's
   * checksum. Saving such units keeps the file instead of writing it again.
   */
  storedLineage?: string;
  /** Listed manifest files that are not units and not parts of workflows. */
  context: string[];
  /** Context files holding nothing but stacks, and the stacks each defines (`name+flavor:version`). */
  stackFiles: string[];
  stackKeys: Record<string, string[]>;
  /** Listed files that are parts of workflows (dag[].file). */
  included: string[];
  /** The files the context's workflows include (an incremental build then is a full one). */
  contextIncludes: string[];
  /** The identities of the context's objects, as a unit's. */
  contextIdentities: string[];
  /** Workspace → the Namespace object: the resource it is attributed to and its out path. */
  namespaces: Record<string, { owner: string; path: string }>;
  /** What context files add to the run-wide outputs, as the units do (see Unit). */
  contextProfiles: Record<string, string[]>;
  contextOwners: Record<string, string>;
  contextPlacements: string[];
  contextFolders: string[];
  /** The lineage of runnables in context files (a Worker beside a Depot in one file). */
  contextLineage: LineagePart[];
  /**
   * Every ask of the run-wide objects (see asksOf), with how many units (and the context, as
   * one) make it: an edit changes those objects exactly when a count falls to 0 or a new ask
   * appears.
   */
  asks: Record<string, number>;
}

const RUNNABLE_TYPES = new Set(Object.keys(ORCHESTRATORS));

/**
 * The units of one successful compile (without `clusters:`: see compileRepo); undefined when
 * they cannot be stored (see UnitTable.of).
 */
export function summarizeUnits(input: {
  files: readonly string[];
  included: readonly string[];
  /** File → the files its workflows include directly (see LoadedRepo). */
  includes: Readonly<Record<string, readonly string[]>>;
  resources: readonly Resource[];
  rendered: readonly RenderedRunnable[];
  objects: readonly EmitObject[];
  lineage: readonly LineagePart[];
}): BuildUnits | undefined {
  const included = new Set(input.included);
  const byFile = new Map<string, Resource[]>();
  for (const r of input.resources) {
    if (isBuiltinStack(r)) continue;
    const file = r.origin.source.file;
    const known = byFile.get(file);
    if (known === undefined) byFile.set(file, [r]);
    else known.push(r);
  }
  const units = new Map<string, Unit>();
  const context: string[] = [];
  const stackFiles: string[] = [];
  const stackKeys: Record<string, string[]> = {};
  for (const file of input.files) {
    if (included.has(file)) continue;
    const resources = byFile.get(file) ?? [];
    if (resources.length > 0 && resources.every((r) => RUNNABLE_TYPES.has(r.meta.type))) {
      units.set(file, {
        file,
        resources: resources.map((r) => ({ id: r.id, key: duplicateKey(r) })),
        stacks: [],
        profiles: {},
        owners: {},
        folders: [],
        placements: [],
        includes: includedBy(file, input.includes),
        identities: [],
        lineage: [],
      });
      continue;
    }
    context.push(file);
    if (resources.length > 0 && resources.every((r) => r.meta.type === "stack")) {
      stackFiles.push(file);
      stackKeys[file] = stackKeysOf(resources);
    }
  }
  // Built-in stacks are left out: their origin is parsed on demand, and they own no objects.
  const fileOf = new Map(
    input.resources.filter((r) => !isBuiltinStack(r)).map((r) => [r.id, r.origin.source.file]),
  );
  const unitOf = (resourceId: string) => units.get(fileOf.get(resourceId) ?? "");
  const ctx = { profiles: {}, owners: {}, placements: [], folders: [], identities: [] } as Pick<
    Unit,
    "profiles" | "owners" | "placements" | "folders" | "identities"
  >;
  const instanceSecrets = new Set(
    input.resources.filter((r) => r.meta.type === "instance-secret").map((r) => r.meta.name),
  );
  for (const r of input.rendered) {
    const unit = unitOf(r.resource.id);
    const into = unit ?? ctx;
    if (unit !== undefined && !r.stack.builtin) unit.stacks.push(r.stack.origin.source.file);
    (into.profiles[r.workspace] ??= []).push(podSecurityProfile(r.stack));
    for (const name of instanceSecretNames(r))
      if (instanceSecrets.has(name)) into.placements.push(`${r.workspace}/instance-secret/${name}`);
  }
  const namespaces: BuildUnits["namespaces"] = {};
  for (const o of input.objects) {
    const { resourceId } = o.source;
    const into = unitOf(resourceId) ?? ctx;
    const at = objectPath(o);
    if (isNamespaceOf(o)) namespaces[o.workspace] = { owner: resourceId, path: at };
    else {
      into.folders.push(at.slice(0, at.lastIndexOf("/")));
      into.identities.push(identityHash(objectIdentity(o)));
    }
    const owners = into.owners;
    const known = owners[o.workspace];
    if (known === undefined || resourceId < known) owners[o.workspace] = resourceId;
  }
  const contextLineage: LineagePart[] = [];
  for (const part of input.lineage)
    (unitOf(part.job.resourceId)?.lineage ?? contextLineage).push(part);
  for (const unit of units.values()) {
    unit.stacks = sortedUnique(unit.stacks);
    unit.placements = sortedUnique(unit.placements);
    unit.folders = sortedUnique(unit.folders);
    unit.identities = sortedUnique(unit.identities);
    unit.profiles = sortedSets(unit.profiles);
  }
  const asks: Record<string, number> = {};
  for (const asker of [ctx, ...units.values()])
    for (const a of asksOf(asker)) asks[a] = (asks[a] ?? 0) + 1;
  const table = UnitTable.of([...units.values()]);
  if (table === undefined) return undefined;
  const lineage: Record<string, LineagePart[]> = {};
  const lineageDigests: Record<string, string> = {};
  for (const u of units.values()) {
    if (u.lineage.length === 0) continue;
    lineage[u.file] = u.lineage;
    lineageDigests[u.file] = lineageDigest(u.lineage);
  }
  return {
    units: table,
    lineage,
    lineageDigests,
    context,
    stackFiles,
    stackKeys,
    included: [...input.included],
    contextIncludes: sortedUnique(context.flatMap((f) => includedBy(f, input.includes))),
    namespaces,
    contextProfiles: sortedSets(ctx.profiles),
    contextOwners: ctx.owners,
    contextPlacements: sortedUnique(ctx.placements),
    contextFolders: sortedUnique(ctx.folders),
    contextIdentities: sortedUnique(ctx.identities),
    contextLineage,
    asks,
  };
}

/**
 * What a unit asks of the run-wide objects, as distinct keys: a pod-security profile for a
 * workspace's Namespace, an instance secret's Secret in a namespace.
 */
export function asksOf(u: Pick<Unit, "profiles" | "placements">): string[] {
  const keys = new Set<string>();
  for (const [ws, list] of Object.entries(u.profiles))
    for (const p of list) keys.add(`${ws}\0${p}`);
  for (const p of u.placements) keys.add(`placement\0${p}`);
  return [...keys];
}

/** A stack that ships with the compiler (not a file of the repository). */
export function isBuiltinStack(r: Resource): boolean {
  return r.meta.type === "stack" && (r as StackResource).builtin;
}

/** The stacks among some resources, as the registry names them, sorted. */
export function stackKeysOf(resources: readonly Resource[]): string[] {
  return sortedUnique(
    resources.filter((r) => r.meta.type === "stack").map((r) => stackKey(r as StackResource)),
  );
}

/** The Namespace compileAll makes for a workspace (a stack's own Namespace sits in its unit). */
export function isNamespaceOf(o: EmitObject): boolean {
  return (
    o.object.kind === "Namespace" &&
    o.object.apiVersion === "v1" &&
    o.unit === "" &&
    o.object.metadata.name === o.workspace
  );
}

/**
 * A short, stable hash of an object identity: 64 bits from two 32-bit multiplicative hashes
 * (FNV-1a, and a variant with another multiplier and a shift), a third of the identity's size
 * in units.json. Two identities that share a hash only cost a full build.
 */
export function identityHash(identity: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < identity.length; i++) {
    const c = identity.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 13);
  }
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}`;
}

/** The files `file` includes, directly or through the files it includes; sorted. */
export function includedBy(
  file: string,
  includes: Readonly<Record<string, readonly string[]>>,
): string[] {
  const seen = new Set<string>();
  const queue = [file];
  while (queue.length > 0) {
    const from = queue.pop()!;
    for (const f of Object.hasOwn(includes, from) ? includes[from]! : []) {
      if (seen.has(f)) continue;
      seen.add(f);
      queue.push(f);
    }
  }
  seen.delete(file);
  return [...seen].sort();
}

/** The distinct items, sorted by code unit. */
export function sortedUnique(items: Iterable<string>): string[] {
  return [...new Set(items)].sort();
}

function sortedSets(map: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const key of Object.keys(map).sort()) out[key] = sortedUnique(map[key]!);
  return out;
}

/**
 * What a unit's lineage parts are, as a digest: two units with one digest have the same
 * parts, so an incremental build tells whether an edit changed the lineage without reading
 * every unit's parts.
 */
function lineageDigest(parts: readonly LineagePart[]): string {
  return sha256(JSON.stringify(parts));
}
