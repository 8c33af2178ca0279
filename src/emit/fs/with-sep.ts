import path from "node:path";

/**
 * A folder with one trailing separator, so that clean relative paths join by concatenation:
 * across tens of thousands of files, `path.join`'s normalizing adds up.
 */
export function withSep(dir: string): string {
  return dir.endsWith(path.sep) ? dir : dir + path.sep;
}
