/**
 * Masterminds/semver v3's Version as Sprig's `semver` returns it: a *semver.Version whose
 * methods templates call (`$v.Major`, `$v.LessThan $w`) and which prints as its String().
 */
import { GoStruct, Uint64, goInt } from "../values.js";
import { FuncError, type FuncDef } from "./types.js";

interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  metadata: string;
  original: string;
}

const VERSION =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const UINT64_MAX = 2n ** 64n - 1n;

function segment(digits: string): bigint {
  const v = BigInt(digits);
  if (v > UINT64_MAX)
    throw new FuncError(
      `Error parsing version segment: strconv.ParseUint: parsing "${digits}": value out of range`,
    );
  return v;
}

/** semver.NewVersion. */
export function parseSemver(s: string): Version {
  const m = VERSION.exec(s);
  if (m === null) throw new FuncError("Invalid Semantic Version");
  const v: Version = {
    major: segment(m[1]!),
    minor: m[2] === undefined ? 0n : segment(m[2].slice(1)),
    patch: m[3] === undefined ? 0n : segment(m[3].slice(1)),
    pre: m[5] ?? "",
    metadata: m[8] ?? "",
    original: s,
  };
  if (v.pre !== "") validatePrerelease(v.pre);
  return v;
}

const ALLOWED = /^[0-9A-Za-z-]*$/;

function validatePrerelease(pre: string): void {
  for (const part of pre.split(".")) {
    if (/^[0-9]*$/.test(part)) {
      if (part.length > 1 && part[0] === "0") throw new FuncError("Version segment starts with 0");
    } else if (!ALLOWED.test(part)) throw new FuncError("Invalid Prerelease string");
  }
}

function validateMetadata(metadata: string): void {
  if (metadata.split(".").some((part) => !ALLOWED.test(part)))
    throw new FuncError("Invalid Metadata string");
}

/** Version.SetPrerelease / SetMetadata: a new value, validated. */
function withPart(v: Version, part: "pre" | "metadata", text: string): Version {
  if (text !== "") (part === "pre" ? validatePrerelease : validateMetadata)(text);
  const next = { ...v, [part]: text };
  next.original = (v.original.startsWith("v") ? "v" : "") + versionString(next);
  return next;
}

function versionString(v: Version): string {
  let s = `${v.major}.${v.minor}.${v.patch}`;
  if (v.pre !== "") s += "-" + v.pre;
  if (v.metadata !== "") s += "+" + v.metadata;
  return s;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === "") return -1;
  if (o === "") return 1;
  const sn = /^[0-9]+$/.test(s) && BigInt(s) <= UINT64_MAX;
  const on = /^[0-9]+$/.test(o) && BigInt(o) <= UINT64_MAX;
  if (!sn && !on) return s > o ? 1 : -1;
  if (!on) return -1;
  if (!sn) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

/** Version.Compare. */
function compare(v: Version, o: Version): number {
  for (const k of ["major", "minor", "patch"] as const) {
    if (v[k] !== o[k]) return v[k] < o[k] ? -1 : 1;
  }
  if (v.pre === "" && o.pre === "") return 0;
  if (v.pre === "") return 1;
  if (o.pre === "") return -1;
  const sp = v.pre.split(".");
  const op = o.pre.split(".");
  for (let i = 0; i < Math.max(sp.length, op.length); i++) {
    const d = comparePrePart(sp[i] ?? "", op[i] ?? "");
    if (d !== 0) return d;
  }
  return 0;
}

/** Version.IncMajor / IncMinor / IncPatch: a new value, keeping a leading "v" in Original(). */
function increment(v: Version, part: "major" | "minor" | "patch"): Version {
  const next: Version = { ...v, metadata: "", pre: "" };
  if (part === "major") Object.assign(next, { major: v.major + 1n, minor: 0n, patch: 0n });
  if (part === "minor") Object.assign(next, { minor: v.minor + 1n, patch: 0n });
  if (part === "patch" && v.pre === "") next.patch = v.patch + 1n;
  next.original = (v.original.startsWith("v") ? "v" : "") + versionString(next);
  return next;
}

const VERSION_TYPES = { pointer: "*semver.Version", value: "semver.Version" } as const;

const noArgs = (f: () => unknown): FuncDef => ({ params: [], call: () => f() });
const setter = (v: Version, part: "pre" | "metadata"): FuncDef => ({
  params: ["string"],
  call: ([text]) => semverValue(withPart(v, part, text as string), false),
});

function versionOf(arg: unknown): Version {
  // The executor has checked the argument's type (*semver.Version); only nil gets through.
  if (arg === null || arg === undefined)
    throw new FuncError("runtime error: invalid memory address or nil pointer dereference");
  return (arg as GoStruct).native as Version;
}

function methods(v: Version, pointer: boolean): Map<string, FuncDef> {
  const m = new Map<string, FuncDef>([
    ["Major", noArgs(() => new Uint64(v.major))],
    ["Minor", noArgs(() => new Uint64(v.minor))],
    ["Patch", noArgs(() => new Uint64(v.patch))],
    ["Prerelease", noArgs(() => v.pre)],
    ["Metadata", noArgs(() => v.metadata)],
    ["String", noArgs(() => versionString(v))],
    ["IncMajor", noArgs(() => semverValue(increment(v, "major"), false))],
    ["IncMinor", noArgs(() => semverValue(increment(v, "minor"), false))],
    ["IncPatch", noArgs(() => semverValue(increment(v, "patch"), false))],
    ["SetPrerelease", setter(v, "pre")],
    ["SetMetadata", setter(v, "metadata")],
  ]);
  if (!pointer) return m;
  // Pointer-receiver methods: Go cannot call them on the value IncMajor returns.
  const cmp = (f: (d: number) => unknown): FuncDef => ({
    params: ["semver"],
    call: ([o]) => f(compare(v, versionOf(o))),
  });
  m.set(
    "Original",
    noArgs(() => v.original),
  );
  m.set(
    "LessThan",
    cmp((d) => d < 0),
  );
  m.set(
    "GreaterThan",
    cmp((d) => d > 0),
  );
  m.set(
    "Equal",
    cmp((d) => d === 0),
  );
  m.set(
    "Compare",
    cmp((d) => goInt(BigInt(d))),
  );
  return m;
}

/** A Version in the data model: a struct with no visible fields, methods and a text form. */
export function semverValue(v: Version, pointer = true): GoStruct {
  const typeName = pointer ? VERSION_TYPES.pointer : VERSION_TYPES.value;
  return new GoStruct(typeName, new Map(), {
    methods: methods(v, pointer),
    text: versionString(v),
    native: v,
    unexported: ["major", "minor", "patch", "pre", "metadata", "original"],
  });
}
