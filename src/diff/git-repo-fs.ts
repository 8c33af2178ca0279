import type { SimpleGit } from "simple-git";
import { diag } from "../diagnostics/diagnostic.js";
import type { SourceRead } from "../discover/discover.js";
import type { RepoFs } from "../discover/repo-fs.js";
import { decodeText } from "./decode-text.js";
import { readBlobs } from "./git-blobs.js";
import { isRegularFile, listTree, type TreeEntry } from "./git-tree.js";
import { matchManifests } from "./match-manifests.js";

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
  return {
    async listManifests(roots, exclude) {
      const files = matchManifests(regularPaths(tree), roots, exclude);
      await fetch(
        files
          .map((f) => tree.get(f)!)
          .filter((e) => e.size <= PREFETCH_LIMIT)
          .map((e) => e.oid),
      );
      return files;
    },
    async read(rel, maxBytes) {
      const entry = tree.get(rel);
      const problem = entryProblem(rel, entry, maxBytes);
      if (problem !== undefined || entry === undefined) return problem ?? notFound(rel);
      await fetch([entry.oid]);
      const bytes = blobs.get(entry.oid);
      return bytes === undefined ? notFound(rel) : decodeText(rel, bytes);
    },
    exists: async (rel) => {
      const entry = tree.get(rel);
      return entry !== undefined && isRegularFile(entry);
    },
  };
}

/** Files larger than this are not prefetched: read() refuses them by the configured limit. */
const PREFETCH_LIMIT = 64 * 1024 * 1024;

function* regularPaths(tree: ReadonlyMap<string, TreeEntry>): Iterable<string> {
  for (const [rel, entry] of tree) if (isRegularFile(entry)) yield rel;
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
