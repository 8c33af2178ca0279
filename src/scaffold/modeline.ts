import path from "node:path";

/** The comment that tells the YAML language server which schema a file follows. */
export const MODELINE_PREFIX = "# yaml-language-server: $schema=";

/**
 * The modeline for a file, both paths repository-relative POSIX. The language server resolves
 * a relative `$schema` against the file itself, so the link survives moving the repository.
 */
export function modeline(file: string, schemaFile: string): string {
  const rel = path.posix.relative(path.posix.dirname(file), schemaFile);
  return `${MODELINE_PREFIX}${rel.startsWith(".") ? rel : `./${rel}`}`;
}
