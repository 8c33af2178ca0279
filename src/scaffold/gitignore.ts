/** The repository's ignore file, which `init` gives the lines of stackyard's own files. */
export const GITIGNORE = ".gitignore";

const HEADER =
  "# stackyard: the build lock, and the folders a build writes out/ through (it removes them;\n" +
  "# a killed build may leave them, and the next build finishes and removes them)";

/**
 * The patterns of what a build creates next to `outDir` (repository-relative, POSIX): the lock
 * `<out>.lock`, the private files of taking it `<out>.lock.*`, and the siblings `out/` is
 * written through, `<out>.stackyard-*` (see src/emit/fs/siblings.ts). Never to be committed:
 * a `git add -A` after a killed build would otherwise commit a whole stale tree.
 */
export function ignoredNextToOut(outDir: string): string[] {
  const out = `/${outDir.replace(/^\.\/|\/+$/g, "")}`;
  return [`${out}.lock`, `${out}.lock.*`, `${out}.stackyard-*`];
}

/**
 * `.gitignore` with the lines of `ignoredNextToOut` that it lacks, after the user's own lines,
 * or undefined when it has them all (a line counts when it is exactly the pattern).
 */
export function mergeGitignore(existing: string | undefined, outDir: string): string | undefined {
  const lines = new Set((existing ?? "").split(/\r?\n/).map((l) => l.trim()));
  const missing = ignoredNextToOut(outDir).filter((p) => !lines.has(p));
  if (missing.length === 0) return undefined;
  // A file with CRLF line ends gets its new lines with CRLF too.
  const eol = existing?.includes("\r\n") === true ? "\r\n" : "\n";
  const block = [...HEADER.split("\n"), ...missing, ""].join(eol);
  if (existing === undefined || existing === "") return block;
  return `${existing}${existing.endsWith("\n") ? "" : eol}${eol}${block}`;
}
