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

/** Orders versions like "1.0" < "1.10" < "2.0": numerically by dot-separated parts. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.\-]/);
  const pb = b.split(/[.\-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "0";
    const y = pb[i] ?? "0";
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    const c = !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return c;
  }
  return 0;
}
