import { lstatSync, mkdirSync } from "node:fs";
import module from "node:module";
import os from "node:os";
import path from "node:path";

/** `module.enableCompileCache`: Node 22.1 and later; undefined on Node 20. */
type EnableCompileCache = (dir: string) => unknown;

/**
 * Turns on Node's module compile cache, where Node has one (22.1 and later; Node 20 does not):
 * V8's compiled code of the bundle's modules is kept on disk, and the next command starts
 * without compiling them again. Returns the folder used, or undefined when the cache is off.
 *
 * That cache holds code Node runs, so it is kept only in a folder no other account can
 * change: `stackyard-compile-cache-<uid>` in the temporary folder (see privateFolder), never
 * Node's default `node-compile-cache` there, which any account may have made first. Node's
 * own settings win: `NODE_COMPILE_CACHE=dir` (Node has then turned the cache on in that
 * folder already) and `NODE_DISABLE_COMPILE_CACHE=1`.
 */
export function enableCompileCache(
  env: NodeJS.ProcessEnv = process.env,
  enable: EnableCompileCache | undefined = (module as { enableCompileCache?: EnableCompileCache })
    .enableCompileCache,
  parent: string = os.tmpdir(),
): string | undefined {
  if (enable === undefined || env.NODE_COMPILE_CACHE || env.NODE_DISABLE_COMPILE_CACHE)
    return undefined;
  const dir = privateFolder(parent, "stackyard-compile-cache");
  if (dir !== undefined) enable(dir);
  return dir;
}

/**
 * `<parent>/<name>-<uid>`, made with mode 0700 if it does not exist, when it is a folder (not
 * a symbolic link) owned by this user that no one else may write to; else undefined. Where
 * there are no uids (Windows, whose temporary folder is the user's own), `<parent>/<name>`.
 */
export function privateFolder(parent: string, name: string): string | undefined {
  const uid = process.getuid?.();
  const dir = path.join(parent, uid === undefined ? name : `${name}-${uid}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") return undefined;
  }
  try {
    const found = lstatSync(dir);
    if (!found.isDirectory()) return undefined;
    if (uid !== undefined && (found.uid !== uid || (found.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}
