import { emitYaml } from "../../yaml/emit-yaml.js";
import type { OutputFile } from "../types.js";

export const KUSTOMIZATION_FILE = "kustomization.yaml";

/** The files and sub-folders directly inside one folder of the out tree. */
interface FolderContents {
  files: string[];
  folders: Set<string>;
}

/**
 * One `kustomization.yaml` per folder, from each cluster folder down, listing the folder's
 * files then its sub-folders, each sorted, so `kustomize build out/<cluster>` renders the
 * whole cluster and any sub-folder can be synced on its own. The out root gets none: it
 * mixes clusters, which are never applied together.
 */
export function kustomizationFiles(
  objectPaths: readonly string[],
  /** Only the kustomizations of these folders (an incremental build knows the others). */
  only?: ReadonlySet<string>,
): OutputFile[] {
  // Only the wanted folders are gathered: an incremental build asks for a few of 10,000.
  const wanted = (folder: string) => only === undefined || only.has(folder);
  const folders = new Map<string, FolderContents>();
  for (const filePath of objectPaths) {
    const slash = filePath.lastIndexOf("/");
    if (slash === -1) {
      throw new Error(`emit: object path ${filePath} is not inside a cluster folder`);
    }
    const folder = filePath.slice(0, slash);
    if (wanted(folder)) folderAt(folders, folder).files.push(filePath.slice(slash + 1));
    // Each ancestor lists the next folder down: `a/b/c` → `a/b` has `c`, `a` has `b`.
    for (let end = folder.length, at = folder.lastIndexOf("/"); at !== -1;) {
      const ancestor = folder.slice(0, at);
      if (wanted(ancestor)) folderAt(folders, ancestor).folders.add(folder.slice(at + 1, end));
      end = at;
      at = at === 0 ? -1 : folder.lastIndexOf("/", at - 1);
    }
  }
  return [...folders].map(([folder, contents]) => ({
    path: `${folder}/${KUSTOMIZATION_FILE}`,
    content: emitYaml({
      apiVersion: "kustomize.config.k8s.io/v1beta1",
      kind: "Kustomization",
      resources: [...contents.files.sort(), ...[...contents.folders].sort()],
    }),
    owned: true,
  }));
}

function folderAt(folders: Map<string, FolderContents>, folder: string): FolderContents {
  let contents = folders.get(folder);
  if (contents === undefined) {
    contents = { files: [], folders: new Set() };
    folders.set(folder, contents);
  }
  return contents;
}
