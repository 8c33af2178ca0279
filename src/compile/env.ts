import type { EnvVar } from "./k8s-types.js";

/**
 * Merges env groups where a later group wins (platform, then stack, then resource). Each
 * variable is listed once, in the group that set it last, and each group is sorted by name,
 * so the order never depends on how a map happened to be written.
 */
export function mergeEnvGroups(groups: ReadonlyArray<Record<string, string>>): EnvVar[] {
  const owner = new Map<string, number>();
  groups.forEach((group, i) => Object.keys(group).forEach((name) => owner.set(name, i)));
  return groups.flatMap((group, i) =>
    Object.keys(group)
      .filter((name) => owner.get(name) === i)
      .sort()
      .map((name) => ({ name, value: String(group[name]) })),
  );
}

/** Merges env lists by name: an entry of `winner` replaces the base entry of the same name. */
export function mergeEnvByName(base: readonly EnvVar[], winner: readonly EnvVar[]): EnvVar[] {
  const names = new Set(winner.map((e) => e.name));
  return [...base.filter((e) => !names.has(e.name)), ...winner];
}
