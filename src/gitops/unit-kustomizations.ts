import type { OutputFile } from "../emit/types.js";
import { emitYaml, KUSTOMIZATION_FILE } from "../emit/index.js";
import type { SyncUnit } from "./sync-units.js";

/**
 * The kustomizations that differ from the emit stage's one-per-folder default when a
 * cluster is delivered by GitOps. The cluster folder lists only `bootstrap`, so applying it
 * installs the engine's objects instead of building every object of the cluster at once
 * (which kustomize cannot do quickly at scale). A split workspace's folder lists only its
 * own files (the Namespace), and each part lists its resource folders.
 */
export function unitKustomizations(
  clusterFolder: string,
  units: readonly SyncUnit[],
  objectPaths: readonly string[],
  bootstrapFiles: readonly string[],
): OutputFile[] {
  const files: OutputFile[] = [
    kustomization(clusterFolder, ["bootstrap"]),
    kustomization(`${clusterFolder}/bootstrap`, bootstrapFiles),
  ];
  for (const unit of units) {
    if (unit.members !== undefined) files.push(kustomization(unit.folder, unit.members));
    else if (unit.role === "namespace")
      files.push(kustomization(unit.folder, ownFiles(unit.folder, objectPaths)));
  }
  return files;
}

function ownFiles(folder: string, objectPaths: readonly string[]): string[] {
  const prefix = `${folder}/`;
  return objectPaths
    .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes("/"))
    .map((p) => p.slice(prefix.length));
}

function kustomization(folder: string, resources: readonly string[]): OutputFile {
  return {
    path: `${folder}/${KUSTOMIZATION_FILE}`,
    content: emitYaml({
      apiVersion: "kustomize.config.k8s.io/v1beta1",
      kind: "Kustomization",
      resources: [...resources].sort(),
    }),
    owned: true,
  };
}
