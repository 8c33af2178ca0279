import type { K8sObject } from "../render/types.js";
import type { VolumeResource } from "../validate/types.js";
import { objectMeta, type Owner } from "./metadata.js";
import { isTempVolume } from "./volume-wiring.js";

/**
 * Volume → a PersistentVolumeClaim named after the Volume (the name runnables mount). Temp
 * volumes have no claim: each pod that mounts one gets an emptyDir of the Volume's size.
 */
export function compileVolume(volume: VolumeResource): K8sObject[] {
  if (isTempVolume(volume)) return [];
  const owner: Owner = {
    component: "volume",
    datasets: [],
    instance: volume.meta.name,
    resource: volume,
    stacks: [],
  };
  const spec: Record<string, unknown> = {
    accessModes: [volume.spec.accessMode],
    resources: { requests: { storage: volume.spec.size } },
  };
  if (volume.spec.storageClassName !== undefined)
    spec.storageClassName = volume.spec.storageClassName;
  return [
    {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: objectMeta(owner, volume.meta.name, volume.meta.workspace),
      spec,
    },
  ];
}
