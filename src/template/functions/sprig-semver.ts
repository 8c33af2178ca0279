/** Sprig's semver and semverCompare with Masterminds/semver v3 rules. */
import { parseSemver, semverValue } from "./semver-version.js";
import { FuncError, type FuncDef } from "./types.js";

interface Version {
  major: number;
  minor: number;
  patch: number;
  pre: string;
}

const VERSION =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

function parseVersion(s: string): Version {
  const m = VERSION.exec(s);
  if (m === null) throw new FuncError("Invalid Semantic Version");
  return {
    major: Number(m[1]),
    minor: Number((m[2] ?? ".0").slice(1)),
    patch: Number((m[3] ?? ".0").slice(1)),
    pre: m[5] ?? "",
  };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === "") return 1;
  if (b === "") return -1;
  const pa = a.split(".");
  const pb = b.split(".");
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^[0-9]+$/.test(x);
    const ny = /^[0-9]+$/.test(y);
    if (nx && ny && Number(x) !== Number(y)) return Number(x) < Number(y) ? -1 : 1;
    if (nx !== ny) return nx ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function compare(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || comparePre(a.pre, b.pre);
}

interface Term {
  op: string;
  v: Version;
  /** Which parts were wildcards or absent: 0 = none, 1 = patch, 2 = minor and patch, 3 = all. */
  wild: number;
}

const TERM =
  /^\s*(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*v?(x|X|\*|[0-9]+)(\.(x|X|\*|[0-9]+))?(\.(x|X|\*|[0-9]+))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?\s*$/;

function parseTerm(s: string): Term {
  const m = TERM.exec(s);
  if (m === null) throw new FuncError(`improper constraint: ${s}`);
  const isWild = (x: string | undefined): boolean => x === undefined || /^[xX*]$/.test(x);
  const wild = isWild(m[2]) ? 3 : isWild(m[4]) ? 2 : isWild(m[6]) ? 1 : 0;
  const num = (x: string | undefined): number => (x === undefined || isWild(x) ? 0 : Number(x));
  const op = m[1] === "=>" ? ">=" : m[1] === "=<" ? "<=" : m[1] === "~>" ? "~" : (m[1] ?? "=");
  return {
    op,
    v: { major: num(m[2]), minor: num(m[4]), patch: num(m[6]), pre: (m[7] ?? "").slice(1) },
    wild,
  };
}

function upper(t: Term): Version {
  const { major, minor } = t.v;
  if (t.wild === 3) return { major: Infinity, minor: 0, patch: 0, pre: "" };
  if (t.wild === 2) return { major: major + 1, minor: 0, patch: 0, pre: "" };
  return { major, minor: minor + 1, patch: 0, pre: "" };
}

function checkTerm(t: Term, v: Version): boolean {
  if (v.pre !== "" && t.v.pre === "") return false;
  const c = compare(v, t.v);
  switch (t.op) {
    case "=":
      return t.wild === 0 ? c === 0 : c >= 0 && compare(v, upper(t)) < 0;
    case "!=":
      return t.wild === 0 ? c !== 0 : !(c >= 0 && compare(v, upper(t)) < 0);
    case ">":
      return t.wild === 0 ? c > 0 : compare(v, upper(t)) >= 0;
    case ">=":
      return c >= 0;
    case "<":
      return c < 0;
    case "<=":
      return t.wild === 0 ? c <= 0 : compare(v, upper(t)) < 0;
    case "~":
      return (
        c >= 0 &&
        compare(v, {
          major: t.v.major,
          minor: t.wild >= 2 ? Infinity : t.v.minor + 1,
          patch: 0,
          pre: "",
        }) < 0
      );
    case "^": {
      if (c < 0) return false;
      if (t.v.major > 0 || t.wild >= 2) return v.major === t.v.major;
      if (t.v.minor > 0 || t.wild === 1) return v.major === 0 && v.minor === t.v.minor;
      return v.major === 0 && v.minor === 0 && v.patch === t.v.patch;
    }
    default:
      return false;
  }
}

/** Checks a version against a constraint such as ">=1.2, <2 || ~3.1". */
export function semverCompare(constraint: string, version: string): boolean {
  const alternatives = constraint.split("||").map((alt) => {
    const hyphen = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(alt);
    if (hyphen !== null) return [parseTerm(">=" + hyphen[1]), parseTerm("<=" + hyphen[2])];
    return alt
      .split(/\s*,\s*|\s+(?=[<>=!~^]|v?\d)/)
      .filter((s) => s.trim() !== "")
      .map(parseTerm);
  });
  const v = parseVersion(version);
  return alternatives.some((terms) => terms.every((t) => checkTerm(t, v)));
}

export const SPRIG_SEMVER_FUNCTIONS: Record<string, FuncDef> = {
  semver: { params: ["string"], call: ([v]) => semverValue(parseSemver(v as string)) },
  semverCompare: {
    params: ["string", "string"],
    call: ([c, v]) => semverCompare(c as string, v as string),
  },
};
