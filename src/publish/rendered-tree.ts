import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { SimpleGit } from "simple-git";

/** Build state stackyard keeps in the out dir (the ownership index, the lock): never published. */
const BUILD_STATE = ".stackyard";

/**
 * Writes the git tree of the out dir as it is on disk, at its path in the repository, and
 * returns its id. It goes through a throwaway index, so the user's index, work tree and
 * branches are untouched; `-f` adds the files even when out/ is ignored on the source branch.
 */
export async function writeRenderedTree(
  git: SimpleGit,
  env: Record<string, string | undefined>,
  outPath: string,
): Promise<string> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "stackyard-publish-"));
  try {
    const indexed = git.env({ ...env, GIT_INDEX_FILE: path.join(scratch, "index") });
    await indexed.raw(["read-tree", "--empty"]);
    await indexed.raw(["add", "--force", "--all", "--", outPath]);
    await indexed.raw([
      "rm",
      "-r",
      "--cached",
      "--quiet",
      "--ignore-unmatch",
      "--",
      `${outPath}/${BUILD_STATE}`,
    ]);
    return (await indexed.raw(["write-tree"])).trim();
  } finally {
    await rm(scratch, { recursive: true, force: true });
    git.env(env);
  }
}
