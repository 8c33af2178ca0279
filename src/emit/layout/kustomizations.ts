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
  const folders = new Map<string, FolderContents>();
  for (const filePath of objectPaths) {
    const parts = filePath.split("/");
    const fileName = parts.pop();
    if (fileName === undefined || parts.length === 0) {
      throw new Error(`emit: object path ${filePath} is not inside a cluster folder`);
    }
    folderAt(folders, parts.join("/")).files.push(fileName);
    for (let depth = parts.length - 1; depth >= 1; depth--) {
      folderAt(folders, parts.slice(0, depth).join("/")).folders.add(parts[depth] as string);
    }
  }
  const wanted = only === undefined ? [...folders] : [...folders].filter(([f]) => only.has(f));
  return wanted.map(([folder, contents]) => ({
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
