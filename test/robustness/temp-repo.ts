import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** A small valid repository: one Service, one Worker, the built-in container stack. */
export const BASE_FILES: Record<string, string> = {
  "stackyard.yaml": "roots: [resources]\n",
  "resources/web.yaml": `name: web
version: v1
type: service
workspace: shop
service:
  servicePort: 8080
  stack: container
  compute: runnable-default
  resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m, memory: 256Mi}}
  stackSpec:
    image: ghcr.io/acme/web:1.0.0
`,
  "resources/feed.yaml": `name: feed
version: v1beta
type: worker
workspace: shop
worker:
  stack: container:1.0
  compute: runnable-default
  resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m, memory: 256Mi}}
  stackSpec:
    image: ghcr.io/acme/feed:2.0.0
`,
};

/** A file to add to a repository: text, raw bytes, or a symbolic link to `target`. */
export type RepoEntry = string | Uint8Array | { symlink: string };

/** Makes a fresh temporary directory; the caller removes it. */
export function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `stackyard-${prefix}-`));
}

/** Writes files (creating folders) and symbolic links into `root`. */
export async function writeEntries(
  root: string,
  entries: Record<string, RepoEntry>,
): Promise<void> {
  for (const [rel, entry] of Object.entries(entries)) {
    const abs = path.join(root, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await rm(abs, { recursive: true, force: true });
    if (typeof entry === "object" && "symlink" in entry) await symlink(entry.symlink, abs);
    else await writeFile(abs, entry);
  }
}

/** Copies a whole repository (its out/ included) to a fresh temporary directory. */
export async function copyRepo(from: string, prefix: string): Promise<string> {
  const to = await makeTempDir(prefix);
  await cp(from, to, { recursive: true, verbatimSymlinks: true });
  return to;
}

export { snapshotTree } from "../fixtures/harness.js";

/** Removes a temporary directory and everything in it. */
export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}
