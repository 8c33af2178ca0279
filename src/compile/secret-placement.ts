import type { RenderedRunnable } from "../render/types.js";
import type { Resource, SecretResource } from "../validate/types.js";
import type { CompileContext } from "./context.js";

/** A Secret resource and a namespace it must exist in. */
export interface SecretPlacement {
  secret: SecretResource;
  namespace: string;
}

/**
 * Where each Secret resource is needed. A workspace secret lives in its own workspace. An
 * instance secret has no namespace of its own, so it is placed in every workspace whose
 * runnables use it: through `dataosSecrets`, as a depot's credentials, or as the image pull
 * secret of their stack.
 */
export function secretPlacements(
  resources: readonly Resource[],
  runnables: readonly RenderedRunnable[],
  ctx: CompileContext,
): SecretPlacement[] {
  const placements = new Map<string, SecretPlacement>();
  const place = (secret: SecretResource, namespace: string): void => {
    placements.set(`${namespace}/${secret.meta.type}/${secret.meta.name}`, { namespace, secret });
  };
  for (const r of resources) {
    if (r.meta.type === "secret") place(r as SecretResource, r.meta.workspace);
  }
  for (const r of runnables) {
    for (const name of instanceSecretNames(r)) {
      const secret = ctx.instanceSecrets.get(name);
      if (secret !== undefined) place(secret, r.workspace);
    }
  }
  return [...placements.keys()].sort().map((key) => placements.get(key)!);
}

/** The instance secrets a runnable needs in its namespace, by name (some may not exist). */
export function instanceSecretNames(r: RenderedRunnable): string[] {
  const names = r.secrets
    .filter((s) => s.secret.meta.type === "instance-secret")
    .map((s) => s.secret.meta.name);
  if (r.stack.spec.secretProjection !== undefined)
    names.push(...r.datasets.flatMap((d) => d.secretNames));
  const pull = r.stack.spec.image?.auth?.imagePullSecret;
  if (pull !== undefined) names.push(pull);
  return names;
}
