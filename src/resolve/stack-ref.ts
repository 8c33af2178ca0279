/** A stack reference `name[+flavor][:version]` as written in an orchestrator. */
export interface StackRef {
  name: string;
  flavor?: string;
  version?: string;
}

const REF =
  /^([a-z0-9]([-a-z0-9_.]*[a-z0-9])?)(\+([a-z0-9]([-a-z0-9_]*[a-z0-9])?))?(:([0-9A-Za-z][0-9A-Za-z.\-_]*))?$/;

/** Parses `name[+flavor][:version]`; undefined when it does not have that shape. */
export function parseStackRef(text: string): StackRef | undefined {
  const m = REF.exec(text.trim());
  if (!m) return undefined;
  const ref: StackRef = { name: m[1]! };
  if (m[4] !== undefined) ref.flavor = m[4];
  if (m[7] !== undefined) ref.version = m[7];
  return ref;
}

/** Formats a stack key the way users write references: `name+flavor:version`. */
export function formatStackRef(ref: StackRef): string {
  return `${ref.name}${ref.flavor ? `+${ref.flavor}` : ""}${ref.version ? `:${ref.version}` : ""}`;
}

/**
 * Orders versions like "1.0" < "1.10" < "2.0": numerically by dot-separated parts. As in
 * semver, what follows a `-` is a pre-release, below the release it precedes: "1.0-rc.1" <
 * "1.0", so a `container:1.0-custom` is never "the latest container" over `container:1.0`.
 */
export function compareVersions(a: string, b: string): number {
  const [ra, pa] = splitPre(a);
  const [rb, pb] = splitPre(b);
  const release = compareParts(ra.split("."), rb.split("."));
  if (release !== 0) return release;
  if (pa === undefined || pb === undefined) return pa === pb ? 0 : pa === undefined ? 1 : -1;
  return compareParts(pa.split("."), pb.split("."));
}

/**
 * What a reference without a version gets, of versions sorted by compareVersions: the highest
 * release, or a pre-release (`2.0-rc.1`) only when there is no release, as `helm install`
 * without `--devel` and npm's `latest` do: publishing a release candidate must not move every
 * unversioned user onto it.
 */
export function latestVersion(sorted: readonly string[]): string | undefined {
  const releases = sorted.filter((v) => !v.includes("-"));
  const from = releases.length > 0 ? releases : sorted;
  return from[from.length - 1];
}

function splitPre(version: string): [string, string | undefined] {
  const dash = version.indexOf("-");
  return dash === -1 ? [version, undefined] : [version.slice(0, dash), version.slice(dash + 1)];
}

/** Part by part: numbers numerically and below words, words by their text; a missing part is 0. */
function compareParts(pa: string[], pb: string[]): number {
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "0";
    const y = pb[i] ?? "0";
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    const c =
      nx && ny ? Number(x) - Number(y) : nx !== ny ? (nx ? -1 : 1) : x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return c;
  }
  return 0;
}
