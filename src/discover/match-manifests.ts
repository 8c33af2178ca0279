import picomatch from "picomatch";

/** Folders that never hold manifests, whatever the config says (as discover skips them). */
const ALWAYS_EXCLUDED = ["**/node_modules/**", "**/.git/**"];

/** A manifest file name, in any folder. */
const MANIFEST = picomatch("**/*.{yaml,yml}", { dot: false });

/**
 * The manifest files among a revision's paths, chosen the way discover's fast-glob walk chooses
 * them in the work tree: `*.yaml`/`*.yml` under a root, no dot-folders, minus the excluded
 * globs. Sorted, repository-relative POSIX.
 */
export function matchManifests(
  paths: Iterable<string>,
  roots: readonly string[],
  exclude: readonly string[],
): string[] {
  const ignored = picomatch([...ALWAYS_EXCLUDED, ...exclude], { dot: true });
  const prefixes = roots.map((r) => (r === "." || r === "" ? "" : `${r.replace(/\/+$/, "")}/`));
  const found: string[] = [];
  for (const rel of paths) {
    const prefix = prefixes.find((p) => rel.startsWith(p));
    if (prefix === undefined || !MANIFEST(rel.slice(prefix.length)) || ignored(rel)) continue;
    found.push(rel);
  }
  return found.sort();
}
