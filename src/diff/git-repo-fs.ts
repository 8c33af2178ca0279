import path from "node:path";
import type { SimpleGit } from "simple-git";
import { diag } from "../diagnostics/diagnostic.js";
import { linkLeavesRepo, type SourceRead } from "../discover/discover.js";
import type { RepoFs } from "../discover/repo-fs.js";
import { decodeText } from "./decode-text.js";
import { readBlobs } from "./git-blobs.js";
import { isRegularFile, listTree, type TreeEntry } from "./git-tree.js";
import { matchManifests } from "../discover/match-manifests.js";

/**
 * A commit read straight from git objects, as the compiler's RepoFs: no checkout, nothing in
 * the work tree changes. `prefix` is the stackyard root's folder in the git repository (`""`
 * at the top). The tree is listed once; the manifests are fetched in one batch when
 * they are listed, and any other file (a `configs:` file, an include) when it is first read.
 */
export async function gitRepoFs(
  root: string,
  git: SimpleGit,
  commit: string,
  prefix: string,
): Promise<RepoFs> {
  const tree = await listTree(git, commit, prefix);
  const blobs = new Map<string, Buffer>();
  const fetch = async (oids: string[]): Promise<void> => {
    const missing = oids.filter((oid) => !blobs.has(oid));
    for (const [oid, bytes] of await readBlobs(root, missing)) blobs.set(oid, bytes);
  };
  /**
   * Where `rel` leads, its symbolic links followed as a build on disk follows them: the path in
   * the tree, or why it cannot be read (it leads outside the stackyard root, or round a loop).
   */
  const follow = async (rel: string): Promise<{ rel: string } | SourceRead> => {
    let at = rel;
    for (let hops = 0; hops < 40; hops++) {
      const entry = tree.get(at);
      if (entry === undefined || entry.mode !== LINK_MODE) return { rel: at };
      await fetch([entry.oid]);
      const target = blobs.get(entry.oid)?.toString("utf8") ?? "";
      const next = path.posix.normalize(path.posix.join(path.posix.dirname(at), target));
      if (target.startsWith("/") || next === ".." || next.startsWith("../"))
        return linkLeavesRepo(rel);
      at = next;
    }
    return {
      ok: false,
      diagnostic: diag("FILE_UNREADABLE", `${rel} is a loop of symbolic links in this revision`, {
        file: rel,
      }),
    };
  };
  return {
    async listManifests(roots, exclude) {
      // Links too, as a build on disk lists them: read() follows or refuses each.
      const files = matchManifests(listedPaths(tree), roots, exclude);
      await fetch(
        files
          .map((f) => tree.get(f)!)
          .filter((e) => e.size <= PREFETCH_LIMIT)
          .map((e) => e.oid),
      );
      return files;
    },
    async read(rel, maxBytes) {
      const target = await follow(rel);
      if ("ok" in target) return target;
      const entry = tree.get(target.rel);
      const problem = entryProblem(rel, entry, maxBytes);
      if (problem !== undefined || entry === undefined) return problem ?? notFound(rel);
      await fetch([entry.oid]);
      const bytes = blobs.get(entry.oid);
      return bytes === undefined ? notFound(rel) : decodeText(rel, bytes);
    },
    exists: async (rel) => {
      const target = await follow(rel);
      const entry = "ok" in target ? undefined : tree.get(target.rel);
      return entry !== undefined && isRegularFile(entry);
    },
  };
}

/** Files larger than this are not prefetched: read() refuses them by the configured limit. */
const PREFETCH_LIMIT = 64 * 1024 * 1024;

/** Git's mode for a symbolic link. */
const LINK_MODE = "120000";

function* listedPaths(tree: ReadonlyMap<string, TreeEntry>): Iterable<string> {
  for (const [rel, entry] of tree) if (isRegularFile(entry) || entry.mode === LINK_MODE) yield rel;
}

/** Why an entry cannot be read as a manifest, before its bytes are fetched. */
function entryProblem(
  rel: string,
  entry: TreeEntry | undefined,
  maxBytes: number,
): SourceRead | undefined {
  if (entry === undefined) return notFound(rel);
  if (!isRegularFile(entry)) {
    const what = entry.mode === "120000" ? "a symbolic link" : "not a regular file";
    return {
      ok: false,
      diagnostic: diag("FILE_UNREADABLE", `${rel} is ${what} in this revision`, { file: rel }),
    };
  }
  if (entry.size > maxBytes) {
    const diagnostic = diag(
      "FILE_TOO_LARGE",
      `${rel} is ${entry.size} bytes, more than the limit of ${maxBytes} bytes`,
      { file: rel },
      {
        hint: "split the file, or raise limits.maxFileBytes in stackyard.yaml",
      },
    );
    return { ok: false, diagnostic };
  }
  return undefined;
}

function notFound(rel: string): SourceRead {
  return {
    ok: false,
    diagnostic: diag("INCLUDE_NOT_FOUND", `${rel} does not exist`, { file: rel }),
  };
}
