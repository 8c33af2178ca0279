import type { EmitObject } from "../compile/emit-object.js";
import type { ClusterConfig } from "../config/cluster-types.js";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { emitYaml, objectPath, outputConflicts, planOutput } from "../emit/index.js";
import { folderSegment, objectFileName } from "../emit/layout/path-segment.js";
import type { OutputConflict, OutputFile } from "../emit/types.js";
import { BOOTSTRAP_FOLDER, ENGINES } from "./engines/index.js";
import { selectObjects } from "./select-objects.js";
import { cutSyncUnits, MAX_UNIT_OBJECTS, type CutOptions, type SyncUnit } from "./sync-units.js";
import { unitKustomizations } from "./unit-kustomizations.js";

/** The out/ files of one cluster, and what went wrong placing them. */
export interface ClusterOutput {
  files: OutputFile[];
  conflicts: OutputConflict[];
  units: SyncUnit[];
  diagnostics: Diagnostic[];
}

/** The objects one cluster runs (those of its workspaces), prepared for its engine. */
export function clusterObjects(
  objects: readonly EmitObject[],
  cluster: ClusterConfig,
): EmitObject[] {
  const engine = ENGINES[cluster.engine];
  return selectObjects(objects, cluster).map((o) => ({
    ...o,
    cluster: cluster.name,
    object: engine.prepareObject(o.object),
  }));
}

/**
 * What planClusterOutput would report for one cluster (objects on one path, sync units of one
 * name), without making its files: a build with errors writes nothing, but reports these too.
 */
export function clusterConflicts(
  objects: readonly EmitObject[],
  cluster: ClusterConfig,
  options: CutOptions = { maxObjects: MAX_UNIT_OBJECTS },
): Pick<ClusterOutput, "conflicts" | "diagnostics"> {
  const mine = clusterObjects(objects, cluster);
  const placed = mine.map((o) => ({ path: objectPath(o), object: o.object }));
  const units = cutSyncUnits(folderSegment(cluster.name), placed, options);
  return { conflicts: outputConflicts(mine), diagnostics: unitNameClashes(cluster, units) };
}

/**
 * Lays out one cluster: the objects of its workspaces under `out/<cluster>/`, prepared for its
 * engine; the sync units and their kustomizations; and `out/<cluster>/bootstrap/`.
 */
export function planClusterOutput(
  objects: readonly EmitObject[],
  cluster: ClusterConfig,
  options: CutOptions = { maxObjects: MAX_UNIT_OBJECTS },
): ClusterOutput {
  const engine = ENGINES[cluster.engine];
  const mine = clusterObjects(objects, cluster);
  const plan = planOutput(mine);
  const placed = mine.map((o) => ({ path: objectPath(o), object: o.object }));
  const units = cutSyncUnits(folderSegment(cluster.name), placed, options);
  const folder = `${folderSegment(cluster.name)}/${BOOTSTRAP_FOLDER}`;
  const bootstrap: OutputFile[] = engine.bootstrap(cluster, units).map((o) => ({
    path: `${folder}/${objectFileName(o.kind, o.metadata.name)}`,
    content: emitYaml(o),
    owned: true,
  }));
  const names = bootstrap.map((f) => f.path.slice(folder.length + 1));
  const replaced = unitKustomizations(
    folderSegment(cluster.name),
    units,
    placed.map((p) => p.path),
    names,
  );
  const byPath = new Map(plan.files.map((f) => [f.path, f]));
  for (const f of [...replaced, ...bootstrap]) byPath.set(f.path, f);
  const files = [...byPath.values()].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  return { files, conflicts: plan.conflicts, units, diagnostics: unitNameClashes(cluster, units) };
}

/** Two units with one name would be one Application: a workspace named like another's part. */
function unitNameClashes(cluster: ClusterConfig, units: readonly SyncUnit[]): Diagnostic[] {
  const seen = new Map<string, SyncUnit>();
  const out: Diagnostic[] = [];
  for (const u of units) {
    const other = seen.get(u.name);
    if (other !== undefined) {
      out.push(
        diag(
          "OUTPUT_CONFLICT",
          `the sync units ${other.folder} and ${u.folder} of cluster ${cluster.name} would both be named ${u.name}`,
          {},
          {
            hint: "rename the workspace whose name ends like a part of another (`-apps-1`, `-config-1`)",
          },
        ),
      );
    }
    seen.set(u.name, u);
  }
  return out;
}
