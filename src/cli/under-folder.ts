import path from "node:path";

/**
 * Whether the repository-relative POSIX path `rel` is the folder `dir` or lies below it; `dir`
 * is normalized first (`./resources/` is `resources`), and `.` holds every path.
 */
export function isUnder(rel: string, dir: string): boolean {
  const d = path.posix.normalize(dir).replace(/\/$/, "");
  return d === "." || rel === d || rel.startsWith(`${d}/`);
}
