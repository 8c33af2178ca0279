import type { StackyardConfig } from "../config/types.js";
import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { EmitObject } from "./emit-object.js";
import type { RenderedRunnable } from "../render/types.js";
import type {
  Resource,
  RunnableResource,
  SecretResource,
  VolumeResource,
} from "../validate/types.js";
import { createContext, type CompileContext, type CompiledObject } from "./context.js";
import { namespaceObject } from "./namespace.js";
import { foreignObject, ownerOf, placed, unitOf } from "./objects.js";
import { ORCHESTRATORS } from "./orchestrators.js";
import { compileSecret } from "./secret.js";
import { secretPlacements } from "./secret-placement.js";
import { podSecurityProfile, type PodSecurityProfile } from "./security-context.js";
import { sourceLine } from "./source-line.js";
import { compileVolume } from "./volume.js";

export { ORCHESTRATORS } from "./orchestrators.js";

export interface CompileInput {
  config: StackyardConfig;
  /** Every Worker, Service and every Workflow job, rendered. */
  runnables: RenderedRunnable[];
  /** Every validated resource (volumes, secrets, workflows…). */
  resources: Resource[];
}

/** Compiles rendered runnables and resources into Kubernetes objects, placed for the emitter. */
export function compileAll(input: CompileInput): {
  objects: EmitObject[];
  diagnostics: Diagnostic[];
} {
  const { config, resources, runnables } = input;
  const ctx = createContext(config, resources);
  const compiled = [
    ...compileRunnables(resources, runnables, ctx),
    ...compileVolumes(resources),
    ...compileSecrets(resources, runnables, ctx),
  ];
  compiled.push(...compileNamespaces(compiled, runnables));
  const objects = compiled.map((c) => toEmitObject(c, config.cluster)).sort(compareEmitObjects);
  return { diagnostics: sortDiagnostics(ctx.diagnostics), objects };
}

function compileRunnables(
  resources: readonly Resource[],
  runnables: readonly RenderedRunnable[],
  ctx: CompileContext,
): CompiledObject[] {
  const byResource = new Map<string, RenderedRunnable[]>();
  for (const r of runnables)
    byResource.set(r.resource.id, [...(byResource.get(r.resource.id) ?? []), r]);
  return byId(resources.filter(isRunnableResource)).flatMap((resource) => {
    const group = byResource.get(resource.id);
    // A resource without runnables failed an earlier stage, which already reported why.
    if (group === undefined) return [];
    const [first, ...rest] = group;
    if (first === undefined) return [];
    // Objects a stack's extraResourcesTemplate asked for, placed with the resource's own.
    const owner = ownerOf([first, ...rest], ctx.config);
    const extras = group.flatMap((r) =>
      r.extraObjects.map((o) => foreignObject(owner, o, r.workspace)),
    );
    return [
      ...ORCHESTRATORS[resource.meta.type].compile(resource, group, ctx),
      ...placed(owner, extras),
    ];
  });
}

function compileVolumes(resources: readonly Resource[]): CompiledObject[] {
  const volumes = byId(resources.filter((r): r is VolumeResource => r.meta.type === "volume"));
  return volumes.flatMap((volume) =>
    compileVolume(volume).map((object) => ({
      object,
      owner: volume,
      unit: unitOf(volume),
      workspace: volume.meta.workspace,
    })),
  );
}

function compileSecrets(
  resources: readonly Resource[],
  runnables: readonly RenderedRunnable[],
  ctx: CompileContext,
): CompiledObject[] {
  return secretPlacements(resources, runnables, ctx).flatMap(({ secret, namespace }) =>
    compileSecret(secret, namespace, ctx.config.secrets).map((object) => ({
      object,
      owner: secret as SecretResource,
      unit: unitOf(secret),
      workspace: namespace,
      // A SOPS manifest is written exactly as committed: its signature covers every byte.
      ...(ctx.config.secrets.mode === "sops" && secret.spec.sopsManifest
        ? { verbatim: secret.spec.sopsManifest.text }
        : {}),
    })),
  );
}

/** One Namespace per workspace that received objects, attributed to its first resource. */
function compileNamespaces(
  compiled: readonly CompiledObject[],
  runnables: readonly RenderedRunnable[],
): CompiledObject[] {
  const firstOwner = new Map<string, Resource>();
  for (const c of compiled) {
    const known = firstOwner.get(c.workspace);
    if (known === undefined || c.owner.id < known.id) firstOwner.set(c.workspace, c.owner);
  }
  const profiles = new Map<string, PodSecurityProfile[]>();
  for (const r of runnables)
    profiles.set(r.workspace, [...(profiles.get(r.workspace) ?? []), podSecurityProfile(r.stack)]);
  return [...firstOwner].map(([workspace, owner]) => ({
    object: namespaceObject(workspace, profiles.get(workspace) ?? []),
    owner,
    unit: "",
    workspace,
  }));
}

function toEmitObject(c: CompiledObject, cluster: string): EmitObject {
  const { origin, id } = c.owner;
  return {
    cluster,
    object: c.object,
    source: { file: origin.source.file, line: sourceLine(origin), resourceId: id },
    unit: c.unit,
    workspace: c.workspace,
    ...(c.verbatim !== undefined ? { verbatim: c.verbatim } : {}),
  };
}

function compareEmitObjects(a: EmitObject, b: EmitObject): number {
  const key = (o: EmitObject) => [o.workspace, o.unit, o.object.kind, o.object.metadata.name];
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < x.length; i++) {
    if (x[i]! !== y[i]!) return x[i]! < y[i]! ? -1 : 1;
  }
  return 0;
}

function isRunnableResource(r: Resource): r is RunnableResource {
  return r.meta.type in ORCHESTRATORS;
}

function byId<T extends Resource>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
