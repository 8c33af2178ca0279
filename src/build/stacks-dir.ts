import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The installation's `stacks/` folder: the first folder at or above `from` holding both
 * `stacks/` and `package.json` (the package root, from `src/` or from `dist/chunks/`).
 */
export function findStacksDir(from: string): string | undefined {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, "stacks")) && existsSync(path.join(dir, "package.json")))
      return path.join(dir, "stacks");
    dir = path.dirname(dir);
  }
  return undefined;
}
