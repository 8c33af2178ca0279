import path from "node:path";

/**
 * The part of the repository-relative POSIX path `rel` below the folder `dir` (`""` for `dir`
 * itself), or undefined when `rel` is not in it; `dir` is normalized first (`./resources/` is
 * `resources`), and `.` holds every path.
 */
export function pathBelow(rel: string, dir: string): string | undefined {
  const d = path.posix.normalize(dir).replace(/\/$/, "");
  if (d === ".") return rel === "." ? "" : rel;
  if (rel === d) return "";
  return rel.startsWith(`${d}/`) ? rel.slice(d.length + 1) : undefined;
}

/** Whether the repository-relative POSIX path `rel` is the folder `dir` or lies below it. */
export function isUnder(rel: string, dir: string): boolean {
  return pathBelow(rel, dir) !== undefined;
}
